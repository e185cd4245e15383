import type { HypervisorAdapter } from "@/lib/hypervisors/types";
import { getAdapter as defaultGetAdapter } from "@/lib/hypervisors/registry";

export type RunnerOptions = {
  workerId?: string;
  /** Runs this process executes at once, across testbeds (each testbed has its own limit too). */
  maxParallel?: number;
  pollMs?: number;
  /** How often leases are renewed, on a timer of their own (never behind a slow claim or poll). */
  heartbeatMs?: number;
  /**
   * The lease: each claim and renewal holds a run until this long after it (the expiry is stored with
   * the run, so runners with other leases judge it alike); a run whose lease expired is recovered as
   * interrupted by any runner; a runner that has not renewed its leases for this long less two
   * heartbeats aborts its executions itself, before another can take them.
   */
  staleMs?: number;
  sampleFlushMs?: number;
  getAdapter?: (kind: string) => HypervisorAdapter | null;
  log?: (message: string) => void;
  /** A standalone worker sets this: its polling alone keeps the process alive. */
  keepProcessAlive?: boolean;
  /** The testbeds this runner serves (MIGBENCH_WORKER_TESTBEDS); null: every testbed. */
  testbedIds?: number[] | null;
  /** Sends the webhook deliveries of its testbeds (true; tests that drive deliveries themselves turn it off). */
  deliverWebhooks?: boolean;
};

export type ResolvedRunnerOptions = Required<Omit<RunnerOptions, "workerId">>;

/** A runner's options with their defaults filled in. */
export function resolveRunnerOptions(options: RunnerOptions): ResolvedRunnerOptions {
  return {
    maxParallel: options.maxParallel ?? 8,
    pollMs: options.pollMs ?? 250,
    heartbeatMs: options.heartbeatMs ?? 2_000,
    staleMs: options.staleMs ?? 15_000,
    sampleFlushMs: options.sampleFlushMs ?? 500,
    getAdapter: options.getAdapter ?? defaultGetAdapter,
    log: options.log ?? (() => {}),
    keepProcessAlive: options.keepProcessAlive ?? false,
    testbedIds: options.testbedIds ?? null,
    deliverWebhooks: options.deliverWebhooks ?? true,
  };
}

/** An error in one line for the log: Prisma's messages end with the cause, after the call they quote. */
export function reasonOf(error: unknown): string {
  const lines = String(error instanceof Error ? error.message : error)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? "unknown error";
}

/** The longest a failing runner waits between passes. */
const MAX_BACKOFF_MS = 5_000;

/**
 * How long a runner waits before its next pass: its poll interval, or, after passes that failed, a
 * backoff doubling up to 5 s with jitter, so a fleet does not retry in step.
 */
export function nextPassDelayMs(failedPasses: number, pollMs: number): number {
  if (!failedPasses) return pollMs;
  return Math.min(MAX_BACKOFF_MS, pollMs * 2 ** failedPasses) * (0.5 + Math.random() / 2);
}
