import "server-only";
import { statusFromRuns, storeCampaignStatus } from "@/lib/db/campaign-status";
import { evaluateSafely, queueSafely } from "./verdicts";

/*
 * What follows a change of a campaign's runs — a run claimed, finished, recovered, cancelled or queued
 * again — called explicitly by whoever made it (the runner, the cancel and re-run operations, an
 * import): the campaign's status; when that finishes it, its verdict against its series' baselines and
 * the webhooks that want it.
 */

/**
 * Brings a campaign's status in line with its runs. A campaign that finishes is compared with its
 * series' baselines first, so whoever sees it finished (a page, a pipeline's `--wait`) sees its verdict
 * too; evaluating is idempotent, so two workers ending its last runs at once may both do it. The one
 * whose write finishes the campaign queues the verdict to the webhooks (once).
 */
export async function refreshCampaignStatus({ campaignId }: { campaignId: number }) {
  const now = await statusFromRuns({ campaignId });
  if (!now) return;
  const evaluation = now.finishing ? await evaluateSafely(campaignId) : null;
  const finished = await storeCampaignStatus({ campaignId, ...now });
  if (finished && evaluation) await queueSafely(campaignId, evaluation);
}

/** Refreshes each campaign a change touched, one after another. */
export async function refreshCampaigns(campaignIds: Iterable<number>) {
  for (const campaignId of new Set(campaignIds)) await refreshCampaignStatus({ campaignId });
}

/**
 * Compares campaign results that arrived whole (an import) with their series' baselines and queues
 * the verdict to the testbed's webhooks; a failure is logged, never thrown at the caller.
 */
export async function judgeArrivedCampaign(campaignId: number) {
  const evaluation = await evaluateSafely(campaignId);
  if (evaluation) await queueSafely(campaignId, evaluation);
}
