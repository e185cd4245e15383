import "server-only";
import { db } from "./client";
import { evaluateCampaign, type CampaignEvaluation } from "./series";
import { queueVerdictDeliveries } from "./webhooks";
import type { CampaignStatus } from "@/lib/model/vocabulary";

const IMPORTED_STATUS: CampaignStatus = "imported";

/**
 * A campaign's status follows its runs: running while any runs, queued while all wait, cancelled
 * when all were cancelled, failed when none succeeded, completed otherwise. Called by the runner
 * whenever a run changes state and by cancels and re-runs. Imported campaigns keep theirs. A campaign
 * that finishes is compared with the baselines of its series (lib/db/series.ts).
 */
export async function refreshCampaignStatus({ campaignId }: { campaignId: number }) {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true, finishedAt: true },
  });
  if (!campaign || campaign.status === IMPORTED_STATUS) return;
  const groups = await db.run.groupBy({ by: ["status"], where: { campaignId }, _count: { _all: true } });
  const n = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
  const total = groups.reduce((a, g) => a + g._count._all, 0);
  let status: CampaignStatus;
  if (n("running") > 0) status = "running";
  else if (n("queued") > 0) status = total > n("queued") ? "running" : "queued";
  else if (total > 0 && n("cancelled") === total) status = "cancelled";
  else if (total > 0 && n("succeeded") === 0) status = "failed";
  else status = "completed";
  const done = status === "completed" || status === "failed" || status === "cancelled";
  if (done && !campaign.finishedAt) {
    // Finishing. The verdict is stored first, so whoever sees the campaign finished (a page, a
    // pipeline's `--wait`) sees its verdict too; evaluating is idempotent, so two workers ending its
    // last runs at once may both do it. The one whose update moves finishedAt from null queues the
    // verdict to the webhooks.
    const evaluation = await evaluateSafely(campaignId);
    const { count } = await db.campaign.updateMany({
      where: { id: campaignId, finishedAt: null },
      data: { status, finishedAt: new Date() },
    });
    if (count === 1 && evaluation) await queueSafely(campaignId, evaluation);
    return;
  }
  await db.campaign.update({
    where: { id: campaignId },
    data: { status, finishedAt: done ? campaign.finishedAt : null },
  });
}

/**
 * Compares campaign results that arrived whole (an import) with their series' baselines and queues
 * the verdict to the testbed's webhooks; a failure is logged, never thrown at the caller.
 */
export async function judgeArrivedCampaign(campaignId: number) {
  const evaluation = await evaluateSafely(campaignId);
  if (evaluation) await queueSafely(campaignId, evaluation);
}

/* A verdict or a message that cannot be made must not fail the run (or the import) that finished the campaign. */

async function evaluateSafely(campaignId: number): Promise<CampaignEvaluation | null> {
  try {
    return await evaluateCampaign({ campaignId });
  } catch (error) {
    console.error(`[migbench] campaign #${campaignId} could not be compared with its baselines:`, error);
    return null;
  }
}

async function queueSafely(campaignId: number, evaluation: CampaignEvaluation) {
  try {
    await queueVerdictDeliveries({ campaignId, evaluation });
  } catch (error) {
    console.error(`[migbench] the verdict of campaign #${campaignId} could not be queued to its webhooks:`, error);
  }
}
