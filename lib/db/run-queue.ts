import "server-only";
import { db } from "./client";
import { refreshCampaignStatus } from "./campaign-status";
import type { MigrationResult, MigrationSample } from "@/lib/hypervisors/types";
import { usableRateGbps } from "@/lib/model/rates";
import { adapterTestbedOf } from "@/lib/hypervisors/testbed";

/**
 * The worker's side of the run queue. A run moves queued → running by an atomic conditional UPDATE,
 * so two workers (threads or processes, on one SQLite file or one PostgreSQL) never claim the same run,
 * and a testbed never runs more than its maxConcurrentRuns at once.
 */

/** Queued runs in launch order, with what the claim check needs. */
async function listQueuedCandidates(take: number) {
  return db.run.findMany({
    where: { status: "queued" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, campaign: { select: { testbedId: true, testbed: { select: { maxConcurrentRuns: true } } } } },
  });
}

/**
 * Claims up to `max` queued runs for workerId, respecting each testbed's concurrency limit.
 * Returns the ids claimed.
 */
export async function claimQueuedRuns({ workerId, max }: { workerId: string; max: number }): Promise<number[]> {
  if (max <= 0) return [];
  const candidates = await listQueuedCandidates(Math.max(50, max * 5));
  const claimed: number[] = [];
  for (const run of candidates) {
    if (claimed.length >= max) break;
    // One statement: the row is still queued and its testbed is below its limit.
    const changed = await db.$executeRaw`
      UPDATE "Run" SET "status" = 'running', "claimedBy" = ${workerId}
      WHERE "id" = ${run.id} AND "status" = 'queued'
        AND (SELECT COUNT(*) FROM "Run" AS r JOIN "Campaign" AS c ON r."campaignId" = c."id"
             WHERE r."status" = 'running' AND c."testbedId" = ${run.campaign.testbedId}) < ${run.campaign.testbed.maxConcurrentRuns}`;
    if (changed === 1) {
      const now = new Date();
      await db.run.update({ where: { id: run.id }, data: { startedAt: now, heartbeatAt: now } });
      await db.campaign.updateMany({
        where: { runs: { some: { id: run.id } }, startedAt: null },
        data: { startedAt: now },
      });
      await db.campaign.updateMany({
        where: { runs: { some: { id: run.id } }, status: "queued" },
        data: { status: "running" },
      });
      claimed.push(run.id);
    }
  }
  return claimed;
}

/** Everything an adapter needs to migrate a claimed run. */
export async function getRunSpec({ id }: { id: number }) {
  const run = await db.run.findUnique({
    where: { id },
    include: {
      campaign: { select: { id: true, timeScale: true, testbed: true } },
      link: true,
      profile: true,
    },
  });
  if (!run) return null;
  return {
    runId: run.id,
    campaignId: run.campaign.id,
    iteration: run.iteration,
    attempt: run.attempt,
    seed: (run.seed ?? run.id) + (run.attempt - 1) * 7919,
    testbed: adapterTestbedOf(run.campaign.testbed),
    link: {
      id: run.link.id,
      name: run.link.name,
      lineRateGbps: run.link.lineRateGbps,
      busLimitGbps: run.link.busLimitGbps,
      usableRateGbps: usableRateGbps(run.link),
      emulated: run.link.emulated,
      modelEfficiency: run.link.modelEfficiency,
      modelSetupMs: run.link.modelSetupMs,
    },
    profile: {
      id: run.profile.id,
      name: run.profile.name,
      memoryBytes: run.profile.memoryBytes,
      vcpuCount: run.profile.vcpuCount,
      vmCount: run.profile.vmCount,
      workload: run.profile.workload,
      dirtyRateBytesPerSec: run.profile.dirtyRateBytesPerSec,
      workingSetBytes: run.profile.workingSetBytes,
    },
    options: { timeScale: run.campaign.timeScale },
  };
}

/** Stores a batch of progress samples. Returns the number of rows written. */
export async function appendSamples({
  runId,
  samples,
}: {
  runId: number;
  samples: MigrationSample[];
}): Promise<number> {
  if (!samples.length) return 0;
  const { count } = await db.sample.createMany({ data: samples.map((s) => ({ ...s, runId })) });
  return count;
}

/** Marks the worker's runs as alive. */
export async function touchRuns({ workerId, runIds }: { workerId: string; runIds: number[] }) {
  if (!runIds.length) return;
  await db.run.updateMany({
    where: { id: { in: runIds }, claimedBy: workerId, status: "running" },
    data: { heartbeatAt: new Date() },
  });
}

/** Run ids among `runIds` whose cancellation was requested. */
export async function listCancelRequested({ runIds }: { runIds: number[] }): Promise<number[]> {
  if (!runIds.length) return [];
  const rows = await db.run.findMany({
    where: { id: { in: runIds }, cancelRequestedAt: { not: null } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * Stores an adapter's result, if workerId still owns the run (a run recovered as interrupted
 * meanwhile is not overwritten). Returns whether it was stored.
 */
export async function finishRun({
  runId,
  workerId,
  result,
  asInterrupted = false,
}: {
  runId: number;
  workerId: string;
  result: MigrationResult;
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
    where: { id: runId, claimedBy: workerId, status: "running" },
    data: { ...stored, finishedAt, heartbeatAt: finishedAt },
  });
  const run = await db.run.findUnique({ where: { id: runId }, select: { campaignId: true } });
  if (run) await refreshCampaignStatus({ campaignId: run.campaignId });
  return count === 1;
}

/**
 * Marks runs left `running` by a dead worker as interrupted: claimed on this host by a process that
 * no longer exists, or silent for longer than staleMs. Returns the ids recovered.
 */
export async function recoverInterruptedRuns({
  isAlive,
  staleMs,
  reason,
}: {
  isAlive: (claimedBy: string | null) => boolean;
  staleMs: number;
  reason: string;
}): Promise<number[]> {
  const staleBefore = Date.now() - staleMs;
  const running = await db.run.findMany({
    where: { status: "running" },
    select: { id: true, claimedBy: true, heartbeatAt: true, campaignId: true, workerDeaths: true },
  });
  const dead = running.filter((r) => !isAlive(r.claimedBy) || !r.heartbeatAt || r.heartbeatAt.getTime() < staleBefore);
  const recovered: number[] = [];
  for (const run of dead) {
    // A second death is no accident: the run itself may be what kills its worker. It is not offered
    // for re-running as interrupted again but stored as failed.
    const twice = run.workerDeaths + 1 >= 2;
    const { count } = await db.run.updateMany({
      where: { id: run.id, status: "running", claimedBy: run.claimedBy },
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
