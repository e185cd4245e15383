import "server-only";
import { resultWithoutSettings } from "@/lib/hypervisors/common/redact";
import type { MigrationResult } from "@/lib/hypervisors/types";
import { renewLeases } from "@/lib/db/run-life";
import { refreshCampaignStatus } from "@/lib/operations/campaign-progress";
import { claimQueuedRuns, type Lease } from "@/lib/db/run-claims";
import { markWorkerStopped, registerWorker, touchWorker } from "@/lib/db/workers";
import { newWorkerId, workerRow } from "./worker-id";
import { recoverDeadWorkersRuns } from "./recovery";
import { SideJobs } from "./side-jobs";
import { drainRunner, type DrainOptions } from "./drain";
import {
  nextPassDelayMs,
  reasonOf,
  resolveRunnerOptions,
  type ResolvedRunnerOptions,
  type RunnerOptions,
} from "./options";
import {
  fenced,
  migrateRun,
  newExecution,
  outcomeOf,
  settleGivenUp,
  stopCancelled,
  stoppedMessage,
  storeResult,
  type Execution,
  type GivenUp,
} from "./execution";

export type { RunnerOptions } from "./options";

export type RunnerStats = { claimed: number; finished: number; samplesWritten: number; leasesLost: number };

/**
 * Claims queued runs from the database and executes them through their testbed's adapter, storing
 * samples as they arrive and the result at the end. Several runners may share one database; each
 * execution holds its run by a lease (lib/db/run-claims.ts) and writes nothing once it lost it.
 */
export class Runner {
  readonly workerId: string;
  readonly stats: RunnerStats = { claimed: 0, finished: 0, samplesWritten: 0, leasesLost: 0 };
  private readonly options: ResolvedRunnerOptions;
  /** Webhook deliveries and schedule firings, on the passes. */
  private readonly sideJobs: SideJobs;
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

  constructor(options: RunnerOptions = {}) {
    this.workerId = options.workerId ?? newWorkerId();
    this.options = resolveRunnerOptions(options);
    this.sideJobs = new SideJobs(this.options);
  }

  /** Registers this worker, recovers runs left running by dead workers, then starts polling the queue. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    try {
      await registerWorker(workerRow(this.workerId, this.options.testbedIds));
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
    await this.sideJobs.settled();
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
    for (const [token, givenUp] of this.givenUp) {
      const { touched, said } = await settleGivenUp(givenUp);
      this.givenUp.delete(token);
      if (touched) this.toRefresh.add(touched.campaignId);
      this.options.log(said);
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
    this.options.log(stoppedMessage(lease, reason, Date.now() - this.lastRenewal));
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
      await stopCancelled(this.active.values());
      const now = Date.now();
      if (now - this.lastSweep >= this.options.staleMs / 2) await this.sweep();
      if (!this.stopped) await this.sideJobs.run(now);
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

  /** Runs until nothing is left for this runner to claim or finish (tests, benchmarks; ./drain.ts). */
  drain(options: DrainOptions = {}): Promise<void> {
    return drainRunner(this, options);
  }

  /** Whether the runner is stopped (not started, or stopped since). */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** The testbeds it serves (null: all), and how often it polls. */
  get serves(): { testbedIds: number[] | null; pollMs: number } {
    return { testbedIds: this.options.testbedIds, pollMs: this.options.pollMs };
  }

  /** Recovers the runs of dead workers (./recovery.ts) and refreshes their campaigns. */
  private async sweep() {
    this.lastSweep = Date.now();
    const recovered = await recoverDeadWorkersRuns({
      workerId: this.workerId,
      heartbeatMs: this.options.heartbeatMs,
      leaseMs: this.options.staleMs,
      startedAt: this.startedAt,
      lastRenewal: () => this.lastRenewal,
      lastTrouble: () => this.lastDatabaseTrouble,
      noteTrouble: (at) => (this.lastDatabaseTrouble = at),
    });
    if (recovered.runIds.length)
      this.options.log(`recovered ${recovered.runIds.length} interrupted run(s): ${recovered.runIds.join(", ")}`);
    // Refreshed now, or at a later heartbeat if the database fails meanwhile.
    for (const campaignId of recovered.campaignIds) this.toRefresh.add(campaignId);
    await this.refreshPending();
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(
      async () => {
        await this.tick();
        this.schedule();
      },
      nextPassDelayMs(this.failedPasses, this.options.pollMs),
    );
    if (!this.options.keepProcessAlive) this.timer.unref?.();
  }

  private launch(lease: Lease) {
    this.stats.claimed++;
    // Older executions of the same run (fenced off, still winding down) end before this one starts.
    const previous = [...this.active.values()].filter((e) => e.lease.runId === lease.runId).map((e) => e.done);
    const execution = newExecution(lease);
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
    const stored = await storeResult(execution, result, asInterrupted, this.options.log);
    if (!stored) return;
    const { campaignId } = stored;
    await refreshCampaignStatus({ campaignId }).catch((error) => {
      this.toRefresh.add(campaignId);
      this.options.log(`campaign ${campaignId}: status not refreshed (${reasonOf(error)}); tried again`);
    });
  }

  private async execute(execution: Execution) {
    const { lease } = execution;
    const migrated = await migrateRun(execution, {
      getAdapter: this.options.getAdapter,
      leaseMs: this.options.staleMs,
      sampleFlushMs: this.options.sampleFlushMs,
      log: this.options.log,
      onSamplesWritten: (count) => (this.stats.samplesWritten += count),
      onLeaseLost: () => this.stopExecution(lease, "lease-lost"),
      onDatabaseTrouble: () => (this.lastDatabaseTrouble = Date.now()),
      afterAdapter: () => this.enforceLeaseTime(Date.now()),
    });
    // Viewers read what a run stores: its reason and statistics name settings, never quote them.
    const result = migrated.spec ? resultWithoutSettings(migrated.result, migrated.spec.testbed) : migrated.result;
    const outcome = outcomeOf(execution.stopReason, result);
    // Given up because the database could not be reached: settled once it can (no death counted).
    if (outcome.store === "later") this.givenUp.set(lease.token, { lease, result: outcome.result });
    if (outcome.store === "now") await this.finish(execution, outcome.result, outcome.asInterrupted);
  }
}
