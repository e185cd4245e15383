import "server-only";
import { randomInt } from "node:crypto";
import { db } from "./client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WriteResult } from "./errors";
import type { Lease } from "./run-claims";
import { refreshCampaignStatus } from "./campaign-status";
import type { MigrationResult } from "@/lib/hypervisors/types";
import { IMPORTED_ADAPTER, RERUNNABLE_STATUSES } from "@/lib/model/vocabulary";
import { DEFAULT_SETTINGS, settingsColumns, type MigrationSettings, type Sweep } from "@/lib/model/migration-settings";

/*
 * Every change of a run's state: queued by a launch; kept alive, finished or recovered by a worker;
 * cancelled or queued again by an operator. Claims (queued → running), the one step where workers
 * race, are in lib/db/run-claims.ts. (Imports write finished runs of their own; lib/db/imports.ts.)
 */

/**
 * Queues a campaign's runs inside the transaction that creates it, iteration by iteration so early
 * results cover every cell; each run gets its own seed. Returns how many were queued.
 */
export async function queueCampaignRuns(
  tx: Prisma.TransactionClient,
  campaign: {
    id: number;
    adapter: string;
    iterations: number;
    linkIds: number[];
    profileIds: number[];
    variants?: MigrationSettings[];
    sweep?: Sweep | null;
  },
): Promise<number> {
  const runs: Prisma.RunCreateManyInput[] = [];
  const variants = campaign.variants?.length ? campaign.variants : [DEFAULT_SETTINGS];
  const swept: (number | null)[] = campaign.sweep?.values.length ? campaign.sweep.values : [null];
  for (let iteration = 1; iteration <= campaign.iterations; iteration++) {
    for (const linkId of campaign.linkIds)
      for (const profileId of campaign.profileIds)
        for (const variant of variants)
          for (const sweepValue of swept)
            runs.push({
              ...{ campaignId: campaign.id, iteration, linkId, profileId },
              ...{ status: "queued", adapter: campaign.adapter, seed: randomInt(0, 2 ** 31 - 1) },
              ...settingsColumns(variant),
              ...(sweepValue === null ? {} : { sweepVariable: campaign.sweep!.variable, sweepValue }),
            });
  }
  const { count } = await tx.run.createMany({ data: runs });
  return count;
}

/** The lease of runs claimed before leases had expiry times (the runners' default). */
const DEFAULT_LEASE_MS = 15_000;

const held = (leases: Lease[]) => ({
  OR: leases.map((l) => ({ id: l.runId, leaseToken: l.token })),
  status: "running",
});

/**
 * Renews the leases of a worker's executions (their heartbeat) until `sentAt` + `leaseMs`. Returns the
 * leases it no longer holds: the run was recovered, re-run or taken meanwhile; their executions must
 * stop at once.
 */
export async function renewLeases({
  leases,
  leaseMs,
  sentAt = new Date(),
}: {
  leases: Lease[];
  leaseMs: number;
  sentAt?: Date;
}): Promise<Lease[]> {
  if (!leases.length) return [];
  const { count } = await db.run.updateMany({
    where: held(leases),
    data: { heartbeatAt: sentAt, leaseExpiresAt: new Date(sentAt.getTime() + leaseMs) },
  });
  if (count === leases.length) return [];
  const still = await db.run.findMany({ where: held(leases), select: { id: true, leaseToken: true } });
  return leases.filter((l) => !still.some((r) => r.id === l.runId && r.leaseToken === l.token));
}

/**
 * Puts a run back in the queue that its execution gave up because it could not renew its lease (the
 * database was unreachable): not the run's fault, so no worker death is counted and its attempt number
 * stays — or cancels it, when a cancel was asked for meanwhile. Only while the lease still holds; returns
 * whether it did.
 */
export async function requeueUnrenewedRun({ lease }: { lease: Lease }): Promise<boolean> {
  const done = await db.$transaction(async (tx) => {
    const holding = { id: lease.runId, leaseToken: lease.token, status: "running" };
    const cancelled = await tx.run.updateMany({
      where: { ...holding, cancelRequestedAt: { not: null } },
      data: {
        status: "cancelled",
        errorReason: "Cancelled by the user (its worker had given it up while the database was unreachable)",
        finishedAt: new Date(),
        leaseExpiresAt: null,
      },
    });
    if (cancelled.count === 1) return true;
    const { count } = await tx.run.updateMany({
      where: holding,
      data: {
        status: "queued",
        claimedBy: null,
        leaseToken: null,
        leaseExpiresAt: null,
        heartbeatAt: null,
        startedAt: null,
      },
    });
    if (count === 1) await tx.sample.deleteMany({ where: { runId: lease.runId } });
    return count === 1;
  });
  if (done) {
    const run = await db.run.findUnique({ where: { id: lease.runId }, select: { campaignId: true } });
    if (run) await refreshCampaignStatus({ campaignId: run.campaignId });
  }
  return done;
}

/**
 * Stores an adapter's result, if the execution still holds the run (`lease`: a run recovered,
 * re-run or taken meanwhile is not overwritten). Returns whether it was stored.
 */
export async function finishRun({
  lease,
  result,
  asInterrupted = false,
  refresh = true,
}: {
  lease: Lease;
  result: MigrationResult;
  /** Refresh the campaign's status here (false: the caller does, and retries it if it fails). */
  refresh?: boolean;
  /** The worker stopped mid-run (shutdown): store it as interrupted, re-runnable. */
  asInterrupted?: boolean;
}): Promise<boolean> {
  const finishedAt = new Date();
  const raw = "rawStats" in result && result.rawStats !== undefined ? JSON.stringify(result.rawStats) : null;
  const data =
    result.status === "succeeded"
      ? {
          status: "succeeded",
          errorReason: null,
          durationMs: result.durationMs,
          downtimeMs: result.downtimeMs,
          guestPauseMs: result.guestPauseMs ?? null,
          transferredBytes: result.transferredBytes,
          throughputGbps: result.throughputGbps,
          precopyRounds: result.precopyRounds,
          dirtyRateBytesPerSec: result.dirtyRateBytesPerSec,
          perVmJson: result.perVm ? JSON.stringify(result.perVm) : null,
          rawStatsJson: raw,
        }
      : {
          status: result.status,
          errorReason: result.reason,
          transferredBytes: result.status === "failed" ? (result.partial?.transferredBytes ?? null) : null,
          precopyRounds: result.status === "failed" ? (result.partial?.precopyRounds ?? null) : null,
          rawStatsJson: raw,
        };
  const stored = asInterrupted
    ? {
        status: "interrupted",
        errorReason:
          "Interrupted: the worker shut down while the run was in progress. Re-run it from the campaign page.",
        rawStatsJson: raw,
      }
    : data;
  const { count } = await db.run.updateMany({
    where: { id: lease.runId, leaseToken: lease.token, status: "running" },
    data: { ...stored, finishedAt, heartbeatAt: finishedAt, leaseExpiresAt: null },
  });
  if (count === 0) return false;
  if (!refresh) return true;
  const run = await db.run.findUnique({ where: { id: lease.runId }, select: { campaignId: true } });
  if (run) await refreshCampaignStatus({ campaignId: run.campaignId });
  return count === 1;
}

/**
 * Marks runs left `running` by a dead worker as interrupted: claimed on this host by a process that no
 * longer exists (`isAlive`), or whose lease expired before `expiredBefore` (null: only the first kind —
 * the caller cannot tell a silent worker from a database that stood still). A run from before leases
 * had expiry times counts as expired a default lease after its last heartbeat. Returns the ids recovered.
 */
export async function recoverInterruptedRuns({
  isAlive,
  expiredBefore,
  reason,
}: {
  isAlive: (claimedBy: string | null) => boolean;
  /** Asked once the running runs are read (the read may have waited out a lock that changes the answer). */
  expiredBefore: () => Date | null;
  reason: string;
}): Promise<number[]> {
  const running = await db.run.findMany({
    where: { status: "running" },
    select: {
      ...{ id: true, claimedBy: true, leaseToken: true, leaseExpiresAt: true, heartbeatAt: true },
      ...{ campaignId: true, workerDeaths: true },
    },
  });
  const expiry = (r: (typeof running)[number]) =>
    r.leaseExpiresAt?.getTime() ?? (r.heartbeatAt ? r.heartbeatAt.getTime() + DEFAULT_LEASE_MS : 0);
  const before = expiredBefore();
  const dead = running.filter((r) => !isAlive(r.claimedBy) || (before !== null && expiry(r) < before.getTime()));
  const recovered: number[] = [];
  for (const run of dead) {
    // A second death is no accident: the run itself may be what kills its worker. It is not offered
    // for re-running as interrupted again but stored as failed.
    const twice = run.workerDeaths + 1 >= 2;
    const { count } = await db.run.updateMany({
      // The lease read above: a run claimed again meanwhile is someone else's, not recovered.
      where: { id: run.id, status: "running", claimedBy: run.claimedBy, leaseToken: run.leaseToken },
      data: twice
        ? {
            status: "failed",
            errorReason:
              "The worker running it died twice (each time before the run finished); it may be what crashes the worker. Check its VM profile and testbed before re-running it.",
            finishedAt: new Date(),
            workerDeaths: { increment: 1 },
          }
        : { status: "interrupted", errorReason: reason, finishedAt: new Date(), workerDeaths: { increment: 1 } },
    });
    if (count) recovered.push(run.id);
  }
  for (const campaignId of new Set(dead.map((r) => r.campaignId))) await refreshCampaignStatus({ campaignId });
  return recovered;
}

const FINISHED = ["succeeded", "failed", "cancelled", "interrupted"];

/**
 * Cancels a run: a queued run is cancelled at once; a running one is asked to stop and its worker
 * aborts the migration (the adapter cleans up) and stores it as cancelled.
 */
export async function cancelRun({ id }: { id: number }): Promise<WriteResult<{ status: string }>> {
  const run = await db.run.findUnique({ where: { id }, select: { status: true, campaignId: true } });
  if (!run) return { ok: false, code: "not_found", message: `Run #${id} does not exist` };
  if (FINISHED.includes(run.status))
    return { ok: false, message: `Run #${id} has already finished (${run.status}); nothing to cancel` };
  const now = new Date();
  const queued = await db.run.updateMany({
    where: { id, status: "queued" },
    data: { status: "cancelled", errorReason: "Cancelled before it started", finishedAt: now },
  });
  if (queued.count === 0)
    await db.run.updateMany({ where: { id, status: "running" }, data: { cancelRequestedAt: now } });
  await refreshCampaignStatus({ campaignId: run.campaignId });
  return { ok: true, value: { status: queued.count ? "cancelled" : "cancelling" } };
}

/** Cancels every queued run of a campaign and asks its running runs to stop. */
export async function cancelCampaign({
  id,
}: {
  id: number;
}): Promise<WriteResult<{ cancelled: number; stopping: number }>> {
  const campaign = await db.campaign.findUnique({ where: { id }, select: { id: true } });
  if (!campaign) return { ok: false, code: "not_found", message: `Campaign #${id} does not exist` };
  const now = new Date();
  const [cancelled, stopping] = await db.$transaction([
    db.run.updateMany({
      where: { campaignId: id, status: "queued" },
      data: { status: "cancelled", errorReason: "Campaign cancelled before this run started", finishedAt: now },
    }),
    db.run.updateMany({ where: { campaignId: id, status: "running" }, data: { cancelRequestedAt: now } }),
  ]);
  if (cancelled.count + stopping.count === 0)
    return { ok: false, message: "This campaign has no queued or running runs to cancel" };
  await refreshCampaignStatus({ campaignId: id });
  return { ok: true, value: { cancelled: cancelled.count, stopping: stopping.count } };
}

/** Puts a failed, cancelled or interrupted run back in the queue as a new attempt. */
export async function rerunRun({ id }: { id: number }): Promise<WriteResult<{ attempt: number }>> {
  const run = await db.run.findUnique({
    where: { id },
    select: { status: true, attempt: true, campaignId: true, adapter: true },
  });
  if (!run) return { ok: false, code: "not_found", message: `Run #${id} does not exist` };
  if (run.adapter === IMPORTED_ADAPTER) return { ok: false, message: "Imported results cannot be re-run" };
  if (!(RERUNNABLE_STATUSES as readonly string[]).includes(run.status)) {
    return {
      ok: false,
      message: `Only failed, cancelled or interrupted runs can be re-run; run #${id} is ${run.status}`,
    };
  }
  const attempt = run.attempt + 1;
  await db.$transaction([
    db.sample.deleteMany({ where: { runId: id } }),
    db.run.update({
      where: { id },
      data: {
        status: "queued",
        attempt,
        claimedBy: null,
        leaseToken: null,
        heartbeatAt: null,
        cancelRequestedAt: null,
        startedAt: null,
        finishedAt: null,
        errorReason: null,
        durationMs: null,
        downtimeMs: null,
        guestPauseMs: null,
        transferredBytes: null,
        throughputGbps: null,
        precopyRounds: null,
        dirtyRateBytesPerSec: null,
        perVmJson: null,
        rawStatsJson: null,
      },
    }),
  ]);
  await refreshCampaignStatus({ campaignId: run.campaignId });
  return { ok: true, value: { attempt } };
}
