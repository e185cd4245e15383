import "server-only";
import { overallVerdict } from "@/lib/model/vocabulary";
import { publicUrl } from "@/lib/http/public-url";
import { seriesCompareQuery } from "@/lib/db/series";
import { queueDeliveries, verdictDeliveryTargets } from "@/lib/db/webhooks";
import type { CampaignEvaluation } from "@/lib/db/verdicts";

/**
 * Queues a campaign's verdict to the webhooks of its testbed: those that want every verdict, and
 * those that want regressions when it is one. Nothing when the campaign has no verdict.
 */
export async function queueVerdictDeliveries({
  campaignId,
  evaluation,
}: {
  campaignId: number;
  evaluation: CampaignEvaluation;
}): Promise<number> {
  if (!evaluation.verdict) return 0;
  const targets = await verdictDeliveryTargets({
    campaignId,
    regression: evaluation.verdict === "regression",
    series: evaluation.series,
  });
  if (!targets) return 0;
  const { campaign, hooks, links, profiles } = targets;
  const base = publicUrl();
  const series = evaluation.series.map((s) => {
    const worst = overallVerdict(s.metrics.map((m) => m.verdict));
    const headline = s.metrics.find((m) => m.verdict === worst) ?? s.metrics[0];
    return {
      link: links.find((l) => l.id === s.linkId),
      profile: profiles.find((p) => p.id === s.profileId),
      verdict: worst,
      url: `${base}/series/${s.linkId}/${s.profileId}`,
      compareUrl: `${base}/compare?${seriesCompareQuery(campaignId, s, s.baselineRunIds, headline.metric)}`,
      metrics: s.metrics,
    };
  });
  const headline = series.find((s) => s.verdict === evaluation.verdict);
  const payload = {
    event: "campaign.verdict",
    verdict: evaluation.verdict,
    summary: headline
      ? `${campaign.name}: ${headline.metrics.find((m) => m.verdict === evaluation.verdict)?.sentence} (${headline.profile?.name} · ${headline.link?.name})`
      : campaign.name,
    campaign: { id: campaign.id, name: campaign.name, url: `${base}/campaigns/${campaign.id}` },
    testbed: { id: campaign.testbed.id, name: campaign.testbed.name },
    series,
  };
  return queueDeliveries({ campaignId, webhookIds: hooks.map((h) => h.id), event: "campaign.verdict", payload });
}
