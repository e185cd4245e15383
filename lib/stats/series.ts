/**
 * A series' history shaped for one metric's chart: a point per run, each campaign's mean with its 95%
 * interval and verdict, and the baseline's band (its mean's 95% interval). Campaigns are placed one
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

export type SeriesPoint = { x: number; t: number; value: number; runId: number; campaignId: number };
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
    runs.forEach((run, k) =>
      points.push({
        x: runs.length > 1 ? x - 0.2 + (0.4 * k) / (runs.length - 1) : x,
        t: run.finishedAt ? run.finishedAt.getTime() : campaignTime(campaign),
        value: values[k],
        runId: run.id,
        campaignId: campaign.id,
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
