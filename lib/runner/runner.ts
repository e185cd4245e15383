import "server-only";
import { resultWithoutSettings } from "@/lib/hypervisors/common/redact";
import type { HypervisorAdapter, MigrationResult, MigrationSample } from "@/lib/hypervisors/types";
import { availableAdapterKinds, getAdapter as defaultGetAdapter } from "@/lib/hypervisors/registry";
import { appendSamples, getRunSpec, hasQueuedRuns, listCancelRequested } from "@/lib/db/run-queue";
import { finishRun, recoverInterruptedRuns, touchRuns } from "@/lib/db/run-state";
import { claimQueuedRuns } from "@/lib/db/run-claims";
import { markWorkerStopped, registerWorker, touchWorker } from "@/lib/db/workers";
import { isWorkerAlive, newWorkerId } from "./worker-id";
import { specProblems } from "@/lib/hypervisors/spec-limits";
import { unsupportedSettings } from "@/lib/hypervisors/common/capabilities";
import { deliverDueWebhooks } from "./webhooks";
import { fireDueSchedules } from "@/lib/db/schedules";

export type RunnerOptions = {
  workerId?: string;
  /** Runs this process executes at once, across testbeds (each testbed has its own limit too). */
  maxParallel?: number;
  pollMs?: number;
  heartbeatMs?: number;
  /** A running run whose worker has been silent this long is recovered as interrupted. */
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

/** How often a runner looks for webhook deliveries that are due. */
const WEBHOOK_CHECK_MS = 1_000;
/** How often a runner looks for schedules that are due (cron's finest step is a minute). */
const SCHEDULE_CHECK_MS = 5_000;

type ActiveRun = { controller: AbortController; stopReason: "cancel" | "shutdown" | null; done: Promise<void> };

export type RunnerStats = { claimed: number; finished: number; samplesWritten: number };

/**
 * Claims queued runs from the database and executes them through their testbed's adapter, storing
 * samples as they arrive and the result at the end. Several runners may share one database.
 */
export class Runner {
  readonly workerId: string;
  readonly stats: RunnerStats = { claimed: 0, finished: 0, samplesWritten: 0 };
  private readonly options: Required<Omit<RunnerOptions, "workerId">>;
  private readonly active = new Map<number, ActiveRun>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private stopped = true;
  private lastHeartbeat = 0;
  private lastSweep = 0;
  private lastDeliveryCheck = 0;
  private lastScheduleCheck = 0;
  /** Webhook deliveries being sent, beside the runs (a slow receiver never holds up a tick). */
  private delivering: Promise<void> | null = null;

  constructor(options: RunnerOptions = {}) {
    this.workerId = options.workerId ?? newWorkerId();
    this.options = {
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

  /** Registers this worker, recovers runs left running by dead workers, then starts polling the queue. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    const [host, pid] = this.workerId.split(":");
    await registerWorker({
      id: this.workerId,
      host,
      pid: Number(pid) || process.pid,
      testbedIds: this.options.testbedIds,
      adapters: availableAdapterKinds(),
    });
    await this.sweep();
    this.schedule();
  }

  /**
   * Stops claiming, aborts the runs in progress and stores them as interrupted (re-runnable), then
   * resolves once everything is written.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const run of this.active.values()) {
      run.stopReason ??= "shutdown";
      run.controller.abort();
    }
    await Promise.all([...this.active.values()].map((r) => r.done));
    await this.delivering;
    await markWorkerStopped(this.workerId).catch(() => {});
  }

  /** Number of runs this runner is executing now. */
  get activeCount(): number {
    return this.active.size;
  }

  /**
   * One pass: honour cancel requests, keep heartbeats, recover dead workers' runs, fire due schedules,
   * claim new runs (webhook deliveries go out beside the pass).
   * Returns false when the pass failed (the database refused or timed out); the next pass retries.
   */
  async tick(): Promise<boolean> {
    if (this.ticking) return true;
    this.ticking = true;
    try {
      const ids = [...this.active.keys()];
      for (const id of await listCancelRequested({ runIds: ids })) {
        const run = this.active.get(id);
        if (run && !run.stopReason) {
          run.stopReason = "cancel";
          run.controller.abort();
        }
      }
      const now = Date.now();
      if (now - this.lastHeartbeat >= this.options.heartbeatMs) {
        this.lastHeartbeat = now;
        await touchRuns({ workerId: this.workerId, runIds: ids });
        await touchWorker(this.workerId);
      }
      if (now - this.lastSweep >= this.options.staleMs / 2) await this.sweep();
      if (
        this.options.deliverWebhooks &&
        !this.delivering &&
        !this.stopped &&
        now - this.lastDeliveryCheck >= WEBHOOK_CHECK_MS
      ) {
        this.lastDeliveryCheck = now;
        this.delivering = deliverDueWebhooks({ testbedIds: this.options.testbedIds })
          .then(() => {})
          .catch((error) => this.options.log(`webhook delivery failed: ${(error as Error).message}`))
          .finally(() => (this.delivering = null));
      }
      if (!this.stopped && now - this.lastScheduleCheck >= SCHEDULE_CHECK_MS) {
        this.lastScheduleCheck = now;
        for (const f of await fireDueSchedules({ testbedIds: this.options.testbedIds }))
          this.options.log(
            `schedule #${f.scheduleId}: ${f.outcome}${f.campaignId ? ` campaign #${f.campaignId}` : ""}`,
          );
      }
      if (!this.stopped) {
        const claimed = await claimQueuedRuns({
          workerId: this.workerId,
          max: this.options.maxParallel - this.active.size,
          testbedIds: this.options.testbedIds,
        });
        for (const id of claimed) this.launch(id);
      }
      return true;
    } catch (error) {
      this.options.log(`runner tick failed: ${(error as Error).message}`);
      return false;
    } finally {
      this.ticking = false;
    }
  }

  /**
   * Runs until nothing is left for this runner to claim or finish (for tests and benchmarks): no run of
   * its own in progress and none queued on the testbeds it serves, seen on `idleChecks` passes in a row.
   * A runner that was stopped before is stopped again afterwards.
   */
  async drain({ timeoutMs = 60_000, idleChecks = 2 } = {}): Promise<void> {
    const wasStopped = this.stopped;
    await this.start();
    try {
      const deadline = Date.now() + timeoutMs;
      let idle = 0;
      while (idle < idleChecks) {
        if (Date.now() > deadline) throw new Error(`runner did not drain within ${timeoutMs} ms`);
        const passed = await this.tick();
        const done =
          passed && this.active.size === 0 && !(await hasQueuedRuns({ testbedIds: this.options.testbedIds }));
        idle = done ? idle + 1 : 0;
        await new Promise((r) => setTimeout(r, this.options.pollMs));
      }
    } finally {
      if (wasStopped) await this.stop();
    }
  }

  private async sweep() {
    this.lastSweep = Date.now();
    const recovered = await recoverInterruptedRuns({
      isAlive: (claimedBy) => isWorkerAlive(claimedBy, this.workerId),
      staleMs: this.options.staleMs,
      reason:
        "Interrupted: the worker running it stopped (crash or restart) before it finished. Re-run it from the campaign page.",
    });
    if (recovered.length) this.options.log(`recovered ${recovered.length} interrupted run(s): ${recovered.join(", ")}`);
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.tick();
      this.schedule();
    }, this.options.pollMs);
    if (!this.options.keepProcessAlive) this.timer.unref?.();
  }

  private launch(runId: number) {
    this.stats.claimed++;
    const controller = new AbortController();
    const entry: ActiveRun = { controller, stopReason: null, done: Promise.resolve() };
    this.active.set(runId, entry);
    entry.done = this.execute(runId, entry)
      .catch((error) => this.options.log(`run ${runId} could not be stored: ${(error as Error).message}`))
      .finally(() => {
        this.active.delete(runId);
        this.stats.finished++;
      });
  }

  private async execute(runId: number, entry: ActiveRun) {
    const spec = await getRunSpec({ id: runId });
    if (!spec) return;
    const outOfRange = specProblems(spec);
    if (outOfRange.length) {
      await finishRun({
        runId,
        workerId: this.workerId,
        result: {
          status: "failed",
          reason: `Not attempted: ${outOfRange.join("; ")}. Edit the VM profile, link or testbed, then re-run.`,
        },
      });
      return;
    }
    const adapter = this.options.getAdapter(spec.testbed.hypervisor);
    if (!adapter) {
      await finishRun({
        runId,
        workerId: this.workerId,
        result: {
          status: "failed",
          reason: `No adapter for hypervisor "${spec.testbed.hypervisor}" in this build (available: ${availableAdapterKinds().join(", ")}).`,
        },
      });
      return;
    }
    const unsupported = unsupportedSettings(adapter.capabilities(spec.testbed), spec.settings);
    if (unsupported) {
      await finishRun({
        runId,
        workerId: this.workerId,
        result: { status: "failed", reason: `Not attempted: this testbed cannot apply ${unsupported}.` },
      });
      return;
    }

    let buffer: MigrationSample[] = [];
    let writing: Promise<void> = Promise.resolve();
    const flush = () => {
      const batch = buffer;
      buffer = [];
      writing = writing.then(async () => {
        this.stats.samplesWritten += await appendSamples({ runId, samples: batch });
      });
      return writing;
    };
    const flushTimer = setInterval(flush, this.options.sampleFlushMs);

    let result: MigrationResult;
    try {
      result = await adapter.migrate(spec, { onSample: (s) => buffer.push(s), signal: entry.controller.signal });
    } catch (error) {
      // Adapters report failures as results; a throw is a bug, still stored as a failed run.
      result = { status: "failed", reason: `The ${adapter.kind} adapter crashed: ${(error as Error).message}` };
    } finally {
      clearInterval(flushTimer);
    }
    // Viewers read what a run stores: its reason and statistics name settings, never quote them.
    result = resultWithoutSettings(result, spec.testbed);
    await flush().catch((error) => this.options.log(`samples of run ${runId} lost: ${(error as Error).message}`));

    if (entry.stopReason === "shutdown" && result.status !== "succeeded") {
      result = { status: "failed", reason: "shutdown" };
      await finishRun({ runId, workerId: this.workerId, result, asInterrupted: true });
      return;
    }
    if (entry.stopReason === "cancel" && result.status !== "succeeded" && result.status !== "cancelled") {
      result = { status: "cancelled", reason: "Cancelled by the user" };
    }
    if (result.status === "cancelled" && entry.stopReason === "cancel") {
      result = {
        ...result,
        reason: `Cancelled by the user (${result.reason.charAt(0).toLowerCase()}${result.reason.slice(1)})`,
      };
    }
    await finishRun({ runId, workerId: this.workerId, result });
  }
}
