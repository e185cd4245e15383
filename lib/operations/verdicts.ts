import "server-only";
import { overallVerdict } from "@/lib/model/vocabulary";
import { regressionVerdict } from "@/lib/stats/regression";
import { SERIES_METRICS } from "@/lib/db/series";
import {
  readEvaluationInputs,
  storeCampaignVerdicts,
  type CampaignEvaluation,
  type MetricValues,
} from "@/lib/db/verdicts";
import { queueVerdictDeliveries } from "./verdict-deliveries";
import type { Metric } from "@/lib/schemas/compare";

const valuesOf = (runs: MetricValues[], metric: Metric) =>
  runs.map((r) => r[metric]).filter((v): v is number => v !== null);

/**
 * Compares a campaign's succeeded runs with the baseline of each of its series, per metric, and
 * stores the verdicts (replacing earlier ones: a campaign finishing again after re-runs is
 * re-evaluated). Series whose baseline is this campaign itself are left out. Called when a campaign
 * finishes (./campaign-progress.ts) and after an import.
 */
export async function evaluateCampaign({ campaignId }: { campaignId: number }): Promise<CampaignEvaluation> {
  const inputs = await readEvaluationInputs({ campaignId });
  if (!inputs) return { verdict: null, series: [] };
  const { minEffectPct } = inputs;
  const series = inputs.series.map(({ baseline, candidate, ...key }) => ({
    ...key,
    // A metric neither side measured (no downtime from vSphere, no guest pause from the simulator)
    // has no verdict: it would otherwise read "needs more runs" for ever.
    metrics: SERIES_METRICS.flatMap((metric) => {
      const [before, after] = [valuesOf(baseline, metric), valuesOf(candidate, metric)];
      return before.length || after.length ? [regressionVerdict(before, after, { metric, minEffectPct })] : [];
    }),
  }));
  const evaluation = { verdict: overallVerdict(series.flatMap((s) => s.metrics.map((m) => m.verdict))), series };
  await storeCampaignVerdicts({ campaignId, evaluation, minEffectPct });
  return evaluation;
}

/* A verdict or a message that cannot be made must not fail the run (or the import) that finished the campaign. */

export async function evaluateSafely(campaignId: number): Promise<CampaignEvaluation | null> {
  try {
    return await evaluateCampaign({ campaignId });
  } catch (error) {
    console.error(`[migbench] campaign #${campaignId} could not be compared with its baselines:`, error);
    return null;
  }
}

export async function queueSafely(campaignId: number, evaluation: CampaignEvaluation) {
  try {
    await queueVerdictDeliveries({ campaignId, evaluation });
  } catch (error) {
    console.error(`[migbench] the verdict of campaign #${campaignId} could not be queued to its webhooks:`, error);
  }
}
