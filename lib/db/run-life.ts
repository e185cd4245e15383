import "server-only";
import { randomInt } from "node:crypto";
import { db } from "./client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WriteResult } from "./errors";
import type { Lease } from "./run-claims";
import type { MigrationResult, MigrationSample } from "@/lib/hypervisors/types";
import { wireVerdict } from "@/lib/model/wire";
import { METRIC_KEYS } from "@/lib/model/metrics";
import { IMPORTED_ADAPTER, RERUNNABLE_STATUSES } from "@/lib/model/vocabulary";
import { DEFAULT_SETTINGS, settingsColumns, type MigrationSettings, type Sweep } from "@/lib/model/migration-settings";

/*
 * A run's life, every write of it: queued by a launch; claimed (lib/db/run-claims.ts, beside this: the
 * dialect-specific SQL where workers race), kept alive, streamed, finished or recovered by a worker;
 * cancelled or queued again by an operator. Data only: what follows a change (the campaign's status,
 * its verdict, webhooks) is the caller's — lib/operations/campaign-progress.ts — so each write returns
 * the campaign(s) it touched. (Imports write finished runs of their own; lib/db/imports.ts.)
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

/** The campaign a write changed: its status is for the caller to refresh. */
export type Touched = { campaignId: number };

async function campaignOf(runId: number): Promise<Touched | null> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { campaignId: true } });
  return run && { campaignId: run.campaignId };
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
 * Stores a batch of progress samples of the execution that holds `lease`, and renews its heartbeat:
 * in one transaction, only while the run still carries the lease's token (on PostgreSQL the run's row
 * stays locked until the samples are in, so a recovery cannot slip between). null when the lease is
 * lost: nothing was written.
 */
export async function appendSamples({
  lease,
  leaseMs,
  samples,
}: {
  lease: Lease;
  /** The worker's lease length: a write renews the lease as a heartbeat does. */
  leaseMs: number;
  samples: MigrationSample[];
}): Promise<number | null> {
  if (!samples.length) return 0;
  const now = new Date();
  return db.$transaction(async (tx) => {
    const held = await tx.run.updateMany({
      where: { id: lease.runId, leaseToken: lease.token, status: "running" },
      data: { heartbeatAt: now, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
    });
    if (held.count !== 1) return null;
    const { count } = await tx.sample.createMany({ data: samples.map((s) => ({ ...s, runId: lease.runId })) });
    return count;
  });
}

/**
 * Puts a run back in the queue that its execution gave up because it could not renew its lease (the
 * database was unreachable): not the run's fault, so no worker death is counted and its attempt number
 * stays — or cancels it, when a cancel was asked for meanwhile. Only while the lease still holds; returns
 * its campaign when it did, null when it did not.
 */
export async function requeueUnrenewedRun({ lease }: { lease: Lease }): Promise<Touched | null> {
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
  return done ? campaignOf(lease.runId) : null;
}

/**
 * Stores an adapter's result, if the execution still holds the run (`lease`: a run recovered,
 * re-run or taken meanwhile is not overwritten). Returns its campaign when stored, null when not.
 */
export async function finishRun({
  lease,
  result,
  asInterrupted = false,
}: {
  lease: Lease;
  result: MigrationResult;
  /** The worker stopped mid-run (shutdown): store it as interrupted, re-runnable. */
  asInterrupted?: boolean;
}): Promise<Touched | null> {
  const finishedAt = new Date();
  const raw = "rawStats" in result && result.rawStats !== undefined ? JSON.stringify(result.rawStats) : null;
  const data =
    result.status === "succeeded"
      ? {
          status: "succeeded",
          errorReason: null,
          ...Object.fromEntries(METRIC_KEYS.map((k) => [k, result[k] ?? null])),
          wireVerdict: wireVerdict(result.wireBytes, result.transferredBytes),
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
  return count === 1 ? campaignOf(lease.runId) : null;
}

/**
 * Marks runs left `running` by a dead worker as interrupted: claimed on this host by a process that no
 * longer exists (`isAlive`), or whose lease expired before `expiredBefore` (null: only the first kind —
 * the caller cannot tell a silent worker from a database that stood still). A run from before leases
 * had expiry times counts as expired a default lease after its last heartbeat. Returns the runs recovered
 * and the campaigns they belong to.
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
}): Promise<{ runIds: number[]; campaignIds: number[] }> {
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
  const recovered: (typeof running)[number][] = [];
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
    if (count) recovered.push(run);
  }
  return { runIds: recovered.map((r) => r.id), campaignIds: [...new Set(recovered.map((r) => r.campaignId))] };
}

const FINISHED = ["succeeded", "failed", "cancelled", "interrupted"];

/**
 * Cancels a run: a queued run is cancelled at once; a running one is asked to stop and its worker
 * aborts the migration (the adapter cleans up) and stores it as cancelled.
 */
export async function cancelRun({ id }: { id: number }): Promise<WriteResult<{ status: string } & Touched>> {
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
  return { ok: true, value: { status: queued.count ? "cancelled" : "cancelling", campaignId: run.campaignId } };
}

/** Cancels every queued run of a campaign and asks its running runs to stop. */
export async function cancelCampaign({
  id,
}: {
  id: number;
}): Promise<WriteResult<{ cancelled: number; stopping: number } & Touched>> {
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
  return { ok: true, value: { cancelled: cancelled.count, stopping: stopping.count, campaignId: id } };
}

/** Puts a failed, cancelled or interrupted run back in the queue as a new attempt. */
export async function rerunRun({ id }: { id: number }): Promise<WriteResult<{ attempt: number } & Touched>> {
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
  // Only the run as read: of two re-runs at once the second changes nothing (nor takes back a claimed run).
  const requeued = await db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id, status: run.status, attempt: run.attempt },
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
    });
    if (count === 1) await tx.sample.deleteMany({ where: { runId: id } });
    return count === 1;
  });
  if (!requeued) return { ok: false, message: `Run #${id} changed meanwhile (re-run already?); reload the page` };
  return { ok: true, value: { attempt, campaignId: run.campaignId } };
}
