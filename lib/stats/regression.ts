/**
 * Regression verdicts: a campaign's runs of one series (one VM profile over one link) against the
 * series' baseline, for one metric. Welch's test and "needs more runs" as in every comparison
 * (./summary), plus the testbed's minimum effect: a significant change smaller than it is noise
 * the team has chosen to ignore, not a regression.
 */
import { METRICS, type Metric } from "@/lib/schemas/compare";
import type { Verdict } from "@/lib/model/vocabulary";
import { METRIC_REGISTRY } from "@/lib/model/metrics";
import { CHART_UNITS } from "@/lib/format/chart-units";
import { compareGroups } from "./summary";

export type SeriesVerdictResult = {
  metric: Metric;
  verdict: Verdict;
  /** The verdict in words: the change in %, both means with units, p. */
  sentence: string;
  /** (candidate − baseline) / baseline × 100: + is a larger value, whatever is better. */
  changePct: number | null;
  pValue: number | null;
  baselineN: number;
  candidateN: number;
  baselineMean: number | null;
  candidateMean: number | null;
};

const formatP = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);

/**
 * The verdict of a candidate's values against the baseline's, for a metric. `minEffectPct`: the
 * smallest change (in % of the baseline mean) that counts; `minRuns`: fewer values on either side
 * and the verdict is "needs more runs".
 */
export function regressionVerdict(
  baseline: number[],
  candidate: number[],
  {
    metric,
    minEffectPct,
    alpha = 0.05,
    minRuns = 3,
  }: { metric: Metric; minEffectPct: number; alpha?: number; minRuns?: number },
): SeriesVerdictResult {
  const m = METRICS[metric];
  const label = m.label.toLowerCase();
  const b = baseline.filter(Number.isFinite);
  const c = candidate.filter(Number.isFinite);
  const comparison = compareGroups(b, c, {
    direction: m.direction,
    better: m.better,
    baselineName: "the baseline",
    candidateName: "this campaign",
    alpha,
    minRuns,
  });
  const base = {
    metric,
    baselineN: b.length,
    candidateN: c.length,
    baselineMean: comparison?.baseline.mean ?? null,
    candidateMean: comparison?.candidate.mean ?? null,
    pValue: comparison?.welch?.p ?? null,
  };
  if (!comparison && b.length >= minRuns && c.length >= minRuns)
    return { ...base, verdict: "no-change", sentence: `${m.label}: not compared (a mean of zero)`, changePct: null };
  if (!comparison || !comparison.enoughRuns) {
    const sentence = comparison
      ? `${m.label}: ${comparison.verdict}`
      : `${m.label}: needs more runs: ${b.length} baseline and ${c.length} new value(s), at least ${minRuns} per side`;
    return { ...base, verdict: "needs-more-runs", sentence, changePct: null };
  }
  const changePct = ((comparison.candidate.mean - comparison.baseline.mean) / comparison.baseline.mean) * 100;
  const tick = CHART_UNITS[m.unit].tooltip;
  const words = METRIC_REGISTRY[metric].change;
  const change = `${Math.abs(changePct).toFixed(1)}% ${changePct >= 0 ? words.up : words.down} than the baseline (${tick(comparison.baseline.mean)} → ${tick(comparison.candidate.mean)})`;
  const p = comparison.welch ? formatP(comparison.welch.p) : "";
  if (!comparison.significant)
    return { ...base, verdict: "no-change", changePct, sentence: `${m.label}: no significant change (${p})` };
  if (Math.abs(changePct) < minEffectPct)
    return {
      ...base,
      verdict: "no-change",
      changePct,
      sentence: `${m.label} ${change}, ${p}: below the ${minEffectPct}% minimum effect`,
    };
  // Worse is larger for "lower is better" metrics, smaller for throughput.
  const worse = m.direction === "lower-is-better" ? changePct > 0 : changePct < 0;
  return {
    ...base,
    verdict: worse ? "regression" : "improvement",
    changePct,
    sentence: `${worse ? "Regression" : "Improvement"}: ${label} ${change}, ${p}`,
  };
}
