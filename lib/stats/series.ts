/**
 * A series' history shaped for one metric's chart: a point per run, each campaign's mean with its 95%
 * interval and verdict, and the baseline's band (its mean's 95% interval). At most 20 runs of a
 * campaign are drawn (a page stays small at 50 campaigns of 100 runs). Campaigns are placed one
 * step apart in the order they ended (x = 0, 1, 2…; a campaign's runs spread ±0.2 around it), so ten
 * campaigns run in one afternoon read as well as ten over a year; `t` keeps each one's time
 * (milliseconds since 1970: a run's end; a campaign's end, or its creation while it has not ended).
 */
import type { Metric } from "@/lib/schemas/compare";
import type { Verdict } from "@/lib/model/vocabulary";
import { summarize, type GroupSummary } from "./summary";

type Values = Record<Metric, number | null>;

export type SeriesHistory = {
  campaigns: { id: number; name: string; createdAt: Date; finishedAt: Date | null }[];
  runs: (Values & { id: number; campaignId: number; finishedAt: Date | null })[];
  verdicts: { campaignId: number; metric: Metric; verdict: Verdict; sentence: string }[];
  baselineRuns: Values[];
};

export type SeriesPoint = { x: number; t: number; value: number; runId: number };
export type SeriesMean = {
  x: number;
  t: number;
  mean: number;
  n: number;
  ciLow: number | null;
  ciHigh: number | null;
  campaignId: number;
  name: string;
  verdict: Verdict | null;
  sentence: string | null;
};

export type SeriesMetricChart = {
  points: SeriesPoint[];
  means: SeriesMean[];
  baseline: GroupSummary | null;
};

const campaignTime = (c: { createdAt: Date; finishedAt: Date | null }) => (c.finishedAt ?? c.createdAt).getTime();

/** Runs drawn per campaign at most (evenly chosen; its mean and interval always use every run). */
export const POINTS_PER_CAMPAIGN = 20;

/** Every `step`-th of `n` items so that at most `max` remain. */
const evenly = <T>(items: T[], max: number) => {
  const step = Math.max(1, Math.ceil(items.length / max));
  return items.filter((_, i) => i % step === 0);
};

/** One metric's chart data from a series' history. */
export function seriesMetricChart(history: SeriesHistory, metric: Metric): SeriesMetricChart {
  const valuesByCampaign = new Map<number, SeriesHistory["runs"]>();
  for (const run of [...history.runs].sort((a, b) => a.id - b.id)) {
    const value = run[metric];
    if (value === null || !Number.isFinite(value)) continue;
    valuesByCampaign.set(run.campaignId, [...(valuesByCampaign.get(run.campaignId) ?? []), run]);
  }
  const ordered = history.campaigns
    .filter((c) => valuesByCampaign.has(c.id))
    .sort((a, b) => campaignTime(a) - campaignTime(b) || a.id - b.id);
  const points: SeriesPoint[] = [];
  const means: SeriesMean[] = [];
  ordered.forEach((campaign, x) => {
    const runs = valuesByCampaign.get(campaign.id)!;
    const values = runs.map((r) => r[metric] as number);
    const drawn = evenly(runs, POINTS_PER_CAMPAIGN);
    drawn.forEach((run, k) =>
      points.push({
        x: drawn.length > 1 ? +(x - 0.2 + (0.4 * k) / (drawn.length - 1)).toFixed(3) : x,
        t: run.finishedAt ? run.finishedAt.getTime() : campaignTime(campaign),
        value: run[metric] as number,
        runId: run.id,
      }),
    );
    const summary = summarize(values)!;
    const verdict = history.verdicts.find((v) => v.campaignId === campaign.id && v.metric === metric);
    means.push({
      x,
      t: campaignTime(campaign),
      mean: summary.mean,
      n: summary.n,
      ciLow: summary.ciLow,
      ciHigh: summary.ciHigh,
      campaignId: campaign.id,
      name: campaign.name,
      verdict: verdict?.verdict ?? null,
      sentence: verdict?.sentence ?? null,
    });
  });
  const baseline = summarize(
    history.baselineRuns.map((r) => r[metric]).filter((v): v is number => v !== null && Number.isFinite(v)),
  );
  return { points, means, baseline };
}
