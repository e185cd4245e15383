import "server-only";
import { resultWithoutSettings } from "@/lib/hypervisors/common/redact";
import type { HypervisorAdapter, MigrationResult, MigrationSample } from "@/lib/hypervisors/types";
import { availableAdapterKinds, getAdapter as defaultGetAdapter } from "@/lib/hypervisors/registry";
import { getRunSpec, hasQueuedRuns, listCancelRequested } from "@/lib/db/run-queue";
import { appendSamples, finishRun, recoverInterruptedRuns, renewLeases, requeueUnrenewedRun } from "@/lib/db/run-life";
import { refreshCampaignStatus } from "@/lib/operations/campaign-progress";
import { claimQueuedRuns, type Lease } from "@/lib/db/run-claims";
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

/** An error in one line for the log: Prisma's messages end with the cause, after the call they quote. */
function reasonOf(error: unknown): string {
  const lines = String(error instanceof Error ? error.message : error)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? "unknown error";
}

/** How often a runner looks for webhook deliveries that are due. */
const WEBHOOK_CHECK_MS = 1_000;
/** How often a runner looks for schedules that are due (cron's finest step is a minute). */
const SCHEDULE_CHECK_MS = 5_000;
/** The longest a failing runner waits between passes (it backs off from pollMs, with jitter). */
const MAX_BACKOFF_MS = 5_000;

/** Why an execution was stopped: asked by a user, the runner shutting down, or its lease gone. */
type StopReason = "cancel" | "shutdown" | "lease-lost" | "lease-expired";

/** One execution of one run: what it holds (its lease), how to stop it, and when it has ended. */
type Execution = {
  lease: Lease;
  controller: AbortController;
  stopReason: StopReason | null;
  /** Storing its result: its lease is no longer renewed (the run is about to leave "running"). */
  finishing: boolean;
  done: Promise<void>;
};

/** A run given up while the database could not be reached, and what its migration came to. */
type GivenUp = { lease: Lease; result: MigrationResult | null };

export type RunnerStats = { claimed: number; finished: number; samplesWritten: number; leasesLost: number };

const fenced = (e: Execution) => e.stopReason === "lease-lost" || e.stopReason === "lease-expired";

/**
 * Claims queued runs from the database and executes them through their testbed's adapter, storing
 * samples as they arrive and the result at the end. Several runners may share one database; each
 * execution holds its run by a lease (lib/db/run-claims.ts) and writes nothing once it lost it.
 */
export class Runner {
  readonly workerId: string;
  readonly stats: RunnerStats = { claimed: 0, finished: 0, samplesWritten: 0, leasesLost: 0 };
  private readonly options: Required<Omit<RunnerOptions, "workerId">>;
  /** Executions by lease token: a run re-claimed while an old execution of it winds down is another entry. */
  private readonly active = new Map<string, Execution>();
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private ticking = false;
  private tickStartedAt = 0;
  private renewing = false;
  private stopped = true;
  private startedAt = 0;
  private failedPasses = 0;
  private lastSweep = 0;
  private lastDeliveryCheck = 0;
  private lastScheduleCheck = 0;
  /** When the leases were last renewed (the time the renewal was sent); 0 until the first one. */
  private lastRenewal = 0;
  /** When the heartbeat timer last fired. */
  private lastBeat = 0;
  /** When a database call of this runner last failed or stalled. */
  private lastDatabaseTrouble = 0;
  /** Runs given up because their leases could not be renewed: settled once the database answers. */
  private readonly givenUp = new Map<string, GivenUp>();
  /** Campaigns whose status could not be refreshed after a result was stored: tried again at each heartbeat. */
  private readonly toRefresh = new Set<number>();
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
    try {
      const [host, pid] = this.workerId.split(":");
      await registerWorker({
        id: this.workerId,
        host,
        pid: Number(pid) || process.pid,
        testbedIds: this.options.testbedIds,
        adapters: availableAdapterKinds(),
      });
      this.startedAt = Date.now();
      this.lastRenewal = this.startedAt;
      await this.sweep();
    } catch (error) {
      // Not started: a caller may try again (the app's server does, lib/runner/start.ts).
      this.stopped = true;
      throw error;
    }
    this.lastBeat = Date.now();
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
    if (!this.options.keepProcessAlive) this.heartbeat.unref?.();
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
    for (const execution of this.active.values()) {
      execution.stopReason ??= "shutdown";
      execution.controller.abort();
    }
    await Promise.all([...this.active.values()].map((e) => e.done));
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    // What was given up while the database stood still is settled now if it answers (else another
    // runner recovers those runs once their leases expire).
    await this.settleGivenUp()
      .then(() => this.refreshPending())
      .catch(() => {});
    await this.delivering;
    await markWorkerStopped(this.workerId).catch(() => {});
  }

  /** Number of runs this runner is executing now. */
  get activeCount(): number {
    return this.active.size;
  }

  /** The deadline of a lease not renewed: two heartbeats before another runner may take the run. */
  private get leaseDeadlineMs(): number {
    return Math.max(this.options.heartbeatMs, this.options.staleMs - 2 * this.options.heartbeatMs);
  }

  /**
   * Each heartbeat: first what needs no database — a beat long overdue means this process stood still
   * (paused, or blocked by a database call), a renewal still pending or a pass that has waited for two
   * heartbeats means the database is slow or locked, and each counts as database trouble; leases not renewed for nearly a lease are given up — then a new
   * renewal unless one is still pending.
   */
  private beat() {
    const now = Date.now();
    const stuckPass = this.ticking && now - this.tickStartedAt > 2 * this.options.heartbeatMs;
    if (now - this.lastBeat > 2 * this.options.heartbeatMs || this.renewing || stuckPass)
      this.lastDatabaseTrouble = now;
    this.lastBeat = now;
    this.enforceLeaseTime(now);
    if (!this.renewing) void this.renew();
  }

  /**
   * The heartbeat, on its own timer: renews every execution's lease and stops at once those whose lease
   * is gone (the run was recovered, re-run or taken while this process was paused or cut off); settles
   * the runs given up while the database stood still, and refreshes campaigns left unrefreshed.
   */
  private async renew(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    const sentAt = Date.now();
    try {
      // Executions being cancelled or shut down keep their lease until they end; fenced or finishing ones not.
      const leases = [...this.active.values()].filter((e) => !fenced(e) && !e.finishing).map((e) => e.lease);
      const lost = await renewLeases({ leases, leaseMs: this.options.staleMs, sentAt: new Date(sentAt) });
      for (const lease of lost) this.stopExecution(lease, "lease-lost");
      await touchWorker(this.workerId, { leasesLost: this.stats.leasesLost });
      this.lastRenewal = sentAt;
      if (Date.now() - sentAt > this.options.heartbeatMs) this.lastDatabaseTrouble = Date.now();
      await this.settleGivenUp();
      await this.refreshPending();
    } catch (error) {
      this.lastDatabaseTrouble = Date.now();
      this.options.log(`lease renewal failed: ${reasonOf(error)}`);
      this.enforceLeaseTime(Date.now());
    } finally {
      this.renewing = false;
    }
  }

  /**
   * Settles the runs given up while their leases could not be renewed, while the lease still holds: a
   * migration that ended by itself keeps its result; one this runner aborted goes back to the queue (or
   * is cancelled, if that was asked meanwhile). No worker death is counted: the database was at fault.
   */
  private async settleGivenUp() {
    for (const [token, { lease, result }] of this.givenUp) {
      const kept = result && result.status !== "cancelled";
      const settled = kept ? await finishRun({ lease, result }) : await requeueUnrenewedRun({ lease });
      this.givenUp.delete(token);
      if (settled) this.toRefresh.add(settled.campaignId);
      this.options.log(
        !settled
          ? `run ${lease.runId}: taken over while the database was unreachable; nothing more stored of this execution`
          : kept
            ? `run ${lease.runId}: ${result!.status}, stored once the database answered again`
            : `run ${lease.runId}: queued again (its lease could not be renewed while the database was unreachable)`,
      );
    }
  }

  /** Refreshes the campaigns whose status could not be refreshed when their runs changed (or were settled late). */
  private async refreshPending() {
    for (const campaignId of [...this.toRefresh]) {
      await refreshCampaignStatus({ campaignId });
      this.toRefresh.delete(campaignId);
    }
  }

  /** A runner that could not renew for nearly a lease aborts its executions: another may soon take their runs. */
  private enforceLeaseTime(now: number) {
    if (!this.lastRenewal || now - this.lastRenewal <= this.leaseDeadlineMs) return;
    for (const execution of this.active.values())
      if (!fenced(execution) && !execution.finishing) this.stopExecution(execution.lease, "lease-expired");
  }

  private stopExecution(lease: Lease, reason: "lease-lost" | "lease-expired") {
    const execution = this.active.get(lease.token);
    // A run that left "running" because this execution just stored its result is no loss.
    if (!execution || fenced(execution) || execution.finishing) return;
    execution.stopReason = reason;
    execution.controller.abort();
    this.stats.leasesLost++;
    this.options.log(
      reason === "lease-lost"
        ? `run ${lease.runId} (lease ${lease.token.slice(0, 8)}): lease lost — the run was recovered or taken over; its migration is aborted and nothing more of it is stored`
        : `run ${lease.runId} (lease ${lease.token.slice(0, 8)}): lease not renewed for ${Math.round((Date.now() - this.lastRenewal) / 1000)} s — its migration is aborted before another worker may take the run`,
    );
  }

  /**
   * One pass: honour cancel requests, recover dead workers' runs, fire due schedules, claim new runs
   * (webhook deliveries go out beside the pass; leases are renewed on their own timer).
   * Returns false when the pass failed (the database refused or timed out); the next pass retries.
   */
  async tick(): Promise<boolean> {
    if (this.ticking) return true;
    this.ticking = true;
    this.tickStartedAt = Date.now();
    try {
      // A pass after a pause (SIGSTOP, a stalled database) first stops what it no longer holds.
      this.enforceLeaseTime(Date.now());
      const byRun = new Map([...this.active.values()].filter((e) => !fenced(e)).map((e) => [e.lease.runId, e]));
      for (const id of await listCancelRequested({ runIds: [...byRun.keys()] })) {
        const execution = byRun.get(id);
        if (execution && !execution.stopReason) {
          execution.stopReason = "cancel";
          execution.controller.abort();
        }
      }
      const now = Date.now();
      if (now - this.lastSweep >= this.options.staleMs / 2) await this.sweep();
      if (
        this.options.deliverWebhooks &&
        !this.delivering &&
        !this.stopped &&
        now - this.lastDeliveryCheck >= WEBHOOK_CHECK_MS
      ) {
        this.lastDeliveryCheck = now;
        this.delivering = deliverDueWebhooks({ testbedIds: this.options.testbedIds, log: this.options.log })
          .then(() => {})
          .catch((error) => this.options.log(`webhook delivery failed: ${reasonOf(error)}`))
          .finally(() => (this.delivering = null));
      }
      if (!this.stopped && now - this.lastScheduleCheck >= SCHEDULE_CHECK_MS) {
        this.lastScheduleCheck = now;
        for (const f of await fireDueSchedules({ testbedIds: this.options.testbedIds, log: this.options.log }))
          this.options.log(
            `schedule #${f.scheduleId}: ${f.outcome}${f.campaignId ? ` campaign #${f.campaignId}` : ""}`,
          );
      }
      // No new claim while leases are not being renewed (they would only be given up again), nor while
      // an execution of this runner that lost its run still winds down: its migration still uses the testbed.
      const windingDown = [...this.active.values()].some(fenced);
      if (!this.stopped && !windingDown && Date.now() - this.lastRenewal < this.options.staleMs / 2) {
        const claimed = await claimQueuedRuns({
          workerId: this.workerId,
          leaseMs: this.options.staleMs,
          max: this.options.maxParallel - this.active.size,
          testbedIds: this.options.testbedIds,
        });
        for (const lease of claimed) this.launch(lease);
      }
      this.failedPasses = 0;
      return true;
    } catch (error) {
      this.failedPasses++;
      this.lastDatabaseTrouble = Date.now();
      this.options.log(`runner tick failed: ${reasonOf(error)}`);
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

  /**
   * Recovers the runs of dead workers: on this host, those whose process is gone, at once; elsewhere,
   * those whose lease expired before this runner's own last renewal (it reached the database after they
   * should have) — but while this runner has lately had trouble reaching the database, or has just
   * started, only leases expired two leases before: their workers, alive, may not yet have been able
   * to renew them or put their runs back themselves.
   */
  private async sweep() {
    const started = Date.now();
    this.lastSweep = started;
    // Judged once the runs are read: a read that waited (a lock, a stall) is database trouble itself.
    const expiredBefore = () => {
      const now = Date.now();
      if (now - started > this.options.heartbeatMs) this.lastDatabaseTrouble = now;
      const settling =
        now - this.startedAt < this.options.staleMs ||
        (this.lastDatabaseTrouble > 0 && now - this.lastDatabaseTrouble < this.options.staleMs);
      return new Date((this.lastRenewal || now) - (settling ? 2 * this.options.staleMs : 0));
    };
    const recovered = await recoverInterruptedRuns({
      isAlive: (claimedBy) => isWorkerAlive(claimedBy, this.workerId),
      expiredBefore,
      reason:
        "Interrupted: the worker running it stopped (crash or restart) before it finished. Re-run it from the campaign page.",
    });
    if (recovered.runIds.length)
      this.options.log(`recovered ${recovered.runIds.length} interrupted run(s): ${recovered.runIds.join(", ")}`);
    // Refreshed now, or at a later heartbeat if the database fails meanwhile.
    for (const campaignId of recovered.campaignIds) this.toRefresh.add(campaignId);
    await this.refreshPending();
  }

  private schedule() {
    if (this.stopped) return;
    // A failing runner backs off (doubling, at most 5 s) with jitter, so a fleet does not retry in step.
    const backoff = this.failedPasses
      ? Math.min(MAX_BACKOFF_MS, this.options.pollMs * 2 ** this.failedPasses) * (0.5 + Math.random() / 2)
      : this.options.pollMs;
    this.timer = setTimeout(async () => {
      await this.tick();
      this.schedule();
    }, backoff);
    if (!this.options.keepProcessAlive) this.timer.unref?.();
  }

  private launch(lease: Lease) {
    this.stats.claimed++;
    // Older executions of the same run (fenced off, still winding down) end before this one starts.
    const previous = [...this.active.values()].filter((e) => e.lease.runId === lease.runId).map((e) => e.done);
    const execution: Execution = {
      lease,
      controller: new AbortController(),
      stopReason: null,
      finishing: false,
      done: Promise.resolve(),
    };
    this.active.set(lease.token, execution);
    execution.done = Promise.all(previous)
      .then(() => this.execute(execution))
      .catch((error) => {
        // Only the database throws here (adapters report failures as results): settled once it answers.
        this.lastDatabaseTrouble = Date.now();
        this.givenUp.set(lease.token, { lease, result: null });
        this.options.log(
          `run ${lease.runId} (lease ${lease.token.slice(0, 8)}): could not be stored (${reasonOf(error)}); queued again once the database answers`,
        );
      })
      .finally(() => {
        this.active.delete(lease.token);
        this.stats.finished++;
      });
  }

  /** Stores a result while the lease holds (campaign refreshed, or tried again later); says so when it no longer does. */
  private async finish(execution: Execution, result: MigrationResult, asInterrupted = false) {
    const { lease } = execution;
    execution.finishing = true;
    const stored = await finishRun({ lease, result, asInterrupted });
    if (!stored) {
      this.options.log(
        `run ${lease.runId} (lease ${lease.token.slice(0, 8)}): result not stored (${result.status}) — the run is no longer this execution's`,
      );
      return;
    }
    const { campaignId } = stored;
    await refreshCampaignStatus({ campaignId }).catch((error) => {
      this.toRefresh.add(campaignId);
      this.options.log(`campaign ${campaignId}: status not refreshed (${reasonOf(error)}); tried again`);
    });
  }

  /** A run's migration, or the reason it was not attempted. */
  private async migrate(execution: Execution): Promise<{ result: MigrationResult; spec: RunSpec | null }> {
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
    const adapter = this.options.getAdapter(spec.testbed.hypervisor);
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
          const written = await appendSamples({ lease, leaseMs: this.options.staleMs, samples: batch });
          if (written === null) this.stopExecution(lease, "lease-lost");
          else this.stats.samplesWritten += written;
        })
        .catch((error) => {
          this.lastDatabaseTrouble = Date.now();
          this.options.log(`samples of run ${runId} not stored: ${reasonOf(error)}`);
        });
      return writing;
    };
    const flushTimer = setInterval(flush, this.options.sampleFlushMs);
    this.options.log(`run ${runId} attempt ${spec.attempt} (lease ${lease.token.slice(0, 8)}): started`);
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
    this.enforceLeaseTime(Date.now());
    this.options.log(
      `run ${runId} attempt ${spec.attempt} (lease ${lease.token.slice(0, 8)}): ended ${result.status}${execution.stopReason ? ` (${execution.stopReason})` : ""}`,
    );
    await flush();
    return { result, spec };
  }

  private async execute(execution: Execution) {
    const { lease } = execution;
    const migrated = await this.migrate(execution);
    // Viewers read what a run stores: its reason and statistics name settings, never quote them.
    let result = migrated.spec ? resultWithoutSettings(migrated.result, migrated.spec.testbed) : migrated.result;
    const stop = execution.stopReason;
    if (stop === "lease-lost") return;
    if (stop === "lease-expired") {
      // Given up because the database could not be reached: settled once it can (no death counted).
      this.givenUp.set(lease.token, { lease, result });
      return;
    }
    if (stop === "shutdown" && result.status !== "succeeded") {
      await this.finish(execution, { status: "failed", reason: "shutdown" }, true);
      return;
    }
    if (stop === "cancel" && result.status !== "succeeded" && result.status !== "cancelled") {
      result = { status: "cancelled", reason: "Cancelled by the user" };
    }
    if (result.status === "cancelled" && stop === "cancel") {
      result = {
        ...result,
        reason: `Cancelled by the user (${result.reason.charAt(0).toLowerCase()}${result.reason.slice(1)})`,
      };
    }
    await this.finish(execution, result);
  }
}

type RunSpec = NonNullable<Awaited<ReturnType<typeof getRunSpec>>>;
