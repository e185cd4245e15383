import "server-only";
import { db } from "./client";
import type { WriteResult } from "./errors";
import { refreshCampaignStatus } from "./campaign-status";
import { IMPORTED_ADAPTER, RERUNNABLE_STATUSES } from "@/lib/model/vocabulary";

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
        heartbeatAt: null,
        cancelRequestedAt: null,
        startedAt: null,
        finishedAt: null,
        errorReason: null,
        durationMs: null,
        downtimeMs: null,
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
