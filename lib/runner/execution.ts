import "server-only";
import type { MigrationResult, MigrationSample } from "@/lib/hypervisors/types";
import type { HypervisorAdapter } from "@/lib/hypervisors/types";
import { availableAdapterKinds } from "@/lib/hypervisors/registry";
import { specProblems } from "@/lib/hypervisors/spec-limits";
import { unsupportedSettings } from "@/lib/hypervisors/common/capabilities";
import { listCancelRequested } from "@/lib/db/run-queue";
import { getRunSpec, type RunSpec } from "./run-spec";
import { appendSamples, finishRun, requeueUnrenewedRun, type Touched } from "@/lib/db/run-life";
import type { Lease } from "@/lib/db/run-claims";
import { reasonOf } from "./options";

/*
 * One execution of one run: the migration itself, and what its end means for what is stored. The
 * runner (./runner.ts) claims runs, keeps their leases and stores results; this is the part between.
 */

/** Why an execution was stopped: asked by a user, the runner shutting down, or its lease gone. */
export type StopReason = "cancel" | "shutdown" | "lease-lost" | "lease-expired";

/** One execution of one run: what it holds (its lease), how to stop it, and when it has ended. */
export type Execution = {
  lease: Lease;
  controller: AbortController;
  stopReason: StopReason | null;
  /** Storing its result: its lease is no longer renewed (the run is about to leave "running"). */
  finishing: boolean;
  done: Promise<void>;
};

/** A new execution of a run claimed under `lease`. */
export const newExecution = (lease: Lease): Execution => ({
  lease,
  controller: new AbortController(),
  stopReason: null,
  finishing: false,
  done: Promise.resolve(),
});

/** Stopped because its lease was lost or lapsed: it writes nothing more. */
export const fenced = (e: Execution) => e.stopReason === "lease-lost" || e.stopReason === "lease-expired";

/** What a migration needs of the runner executing it. */
export type MigrationContext = {
  getAdapter: (kind: string) => HypervisorAdapter | null;
  leaseMs: number;
  sampleFlushMs: number;
  log: (message: string) => void;
  onSamplesWritten: (count: number) => void;
  /** A batch of samples was refused: the run is no longer this execution's. */
  onLeaseLost: () => void;
  onDatabaseTrouble: () => void;
  /** Back from the adapter (maybe after a pause): the runner checks its leases' time. */
  afterAdapter: () => void;
};

/**
 * A run's migration through its testbed's adapter, or the reason it was not attempted; its samples are
 * stored every `sampleFlushMs`, each batch under the execution's lease (a batch refused: the lease is lost).
 */
export async function migrateRun(
  execution: Execution,
  context: MigrationContext,
): Promise<{ result: MigrationResult; spec: RunSpec | null }> {
  const { lease } = execution;
  const runId = lease.runId;
  const spec = await getRunSpec({ id: runId });
  if (!spec) return { result: { status: "failed", reason: "The run no longer exists" }, spec: null };
  if (execution.stopReason) return { result: { status: "cancelled", reason: "Stopped before it started" }, spec };
  const outOfRange = specProblems(spec);
  if (outOfRange.length)
    return {
      result: {
        status: "failed",
        reason: `Not attempted: ${outOfRange.join("; ")}. Edit the VM profile, link or testbed, then re-run.`,
      },
      spec,
    };
  const adapter = context.getAdapter(spec.testbed.hypervisor);
  if (!adapter)
    return {
      result: {
        status: "failed",
        reason: `No adapter for hypervisor "${spec.testbed.hypervisor}" in this build (available: ${availableAdapterKinds().join(", ")}).`,
      },
      spec,
    };
  const unsupported = unsupportedSettings(adapter.capabilities(spec.testbed), spec.settings);
  if (unsupported)
    return { result: { status: "failed", reason: `Not attempted: this testbed cannot apply ${unsupported}.` }, spec };

  let buffer: MigrationSample[] = [];
  let writing: Promise<void> = Promise.resolve();
  // Every write is the lease's: one refused means the run is no longer this execution's, which stops.
  const flush = () => {
    const batch = buffer;
    buffer = [];
    writing = writing
      .then(async () => {
        if (!batch.length || fenced(execution)) return;
        const written = await appendSamples({ lease, leaseMs: context.leaseMs, samples: batch });
        if (written === null) context.onLeaseLost();
        else context.onSamplesWritten(written);
      })
      .catch((error) => {
        context.onDatabaseTrouble();
        context.log(`samples of run ${runId} not stored: ${reasonOf(error)}`);
      });
    return writing;
  };
  const flushTimer = setInterval(flush, context.sampleFlushMs);
  context.log(`run ${runId} attempt ${spec.attempt} (lease ${lease.token.slice(0, 8)}): started`);
  let result: MigrationResult;
  try {
    result = await adapter.migrate(spec, { onSample: (s) => buffer.push(s), signal: execution.controller.signal });
  } catch (error) {
    // Adapters report failures as results; a throw is a bug, still stored as a failed run.
    result = { status: "failed", reason: `The ${adapter.kind} adapter crashed: ${(error as Error).message}` };
  } finally {
    clearInterval(flushTimer);
  }
  // Back from the adapter after a pause (SIGSTOP, a blocked event loop): the lease may be gone already.
  context.afterAdapter();
  context.log(
    `run ${runId} attempt ${spec.attempt} (lease ${lease.token.slice(0, 8)}): ended ${result.status}${execution.stopReason ? ` (${execution.stopReason})` : ""}`,
  );
  await flush();
  return { result, spec };
}

/**
 * What is stored of an execution that ended, given why it stopped: nothing (lease lost); kept for
 * later (lease lapsed while the database was unreachable); an interrupted run (shutdown); the user's
 * cancel, said so in the reason; else the adapter's result.
 */
export function outcomeOf(
  stop: StopReason | null,
  result: MigrationResult,
):
  | { store: "nothing" }
  | { store: "later"; result: MigrationResult }
  | { store: "now"; result: MigrationResult; asInterrupted: boolean } {
  if (stop === "lease-lost") return { store: "nothing" };
  if (stop === "lease-expired") return { store: "later", result };
  if (stop === "shutdown" && result.status !== "succeeded")
    return { store: "now", result: { status: "failed", reason: "shutdown" }, asInterrupted: true };
  if (stop === "cancel" && result.status !== "succeeded" && result.status !== "cancelled")
    return { store: "now", result: { status: "cancelled", reason: "Cancelled by the user" }, asInterrupted: false };
  if (stop === "cancel" && result.status === "cancelled")
    return {
      store: "now",
      result: {
        ...result,
        reason: `Cancelled by the user (${result.reason.charAt(0).toLowerCase()}${result.reason.slice(1)})`,
      },
      asInterrupted: false,
    };
  return { store: "now", result, asInterrupted: false };
}

/** Stops the executions whose runs a user asked to cancel (their migrations are aborted, then stored as cancelled). */
export async function stopCancelled(executions: Iterable<Execution>) {
  const byRun = new Map([...executions].filter((e) => !fenced(e)).map((e) => [e.lease.runId, e]));
  for (const id of await listCancelRequested({ runIds: [...byRun.keys()] })) {
    const execution = byRun.get(id);
    if (execution && !execution.stopReason) {
      execution.stopReason = "cancel";
      execution.controller.abort();
    }
  }
}

/** What the worker's log says when an execution is stopped for its lease. */
export function stoppedMessage(lease: Lease, reason: "lease-lost" | "lease-expired", sinceRenewalMs: number) {
  const which = `run ${lease.runId} (lease ${lease.token.slice(0, 8)})`;
  return reason === "lease-lost"
    ? `${which}: lease lost — the run was recovered or taken over; its migration is aborted and nothing more of it is stored`
    : `${which}: lease not renewed for ${Math.round(sinceRenewalMs / 1000)} s — its migration is aborted before another worker may take the run`;
}

/** A run given up while the database could not be reached, and what its migration came to (null: aborted). */
export type GivenUp = { lease: Lease; result: MigrationResult | null };

/**
 * Settles a run given up while its lease could not be renewed, while the lease still holds: a
 * migration that ended by itself keeps its result; one that was aborted goes back to the queue (or is
 * cancelled, if that was asked meanwhile). No worker death is counted: the database was at fault.
 * Returns the campaign it touched (null: the run was taken over meanwhile) and what to log.
 */
export async function settleGivenUp({ lease, result }: GivenUp): Promise<{ touched: Touched | null; said: string }> {
  const kept = result && result.status !== "cancelled" ? result : null;
  const touched = kept ? await finishRun({ lease, result: kept }) : await requeueUnrenewedRun({ lease });
  const said = !touched
    ? `run ${lease.runId}: taken over while the database was unreachable; nothing more stored of this execution`
    : kept
      ? `run ${lease.runId}: ${kept.status}, stored once the database answered again`
      : `run ${lease.runId}: queued again (its lease could not be renewed while the database was unreachable)`;
  return { touched, said };
}

/**
 * Stores a result while the execution holds its run (no longer renewing its lease meanwhile). Returns
 * the campaign to refresh, or null — and logs it — when the run is no longer the execution's.
 */
export async function storeResult(
  execution: Execution,
  result: MigrationResult,
  asInterrupted: boolean,
  log: (message: string) => void,
): Promise<Touched | null> {
  const { lease } = execution;
  execution.finishing = true;
  const stored = await finishRun({ lease, result, asInterrupted });
  if (!stored)
    log(
      `run ${lease.runId} (lease ${lease.token.slice(0, 8)}): result not stored (${result.status}) — the run is no longer this execution's`,
    );
  return stored;
}
