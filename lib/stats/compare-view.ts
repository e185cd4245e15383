/**
 * Shapes two run sets into a comparison: groups (by profile, workload, workload × rate, or none),
 * per-group statistics and verdicts, throughput as a share of each link's usable rate, chart rows.
 */
import { usableRateGbps } from "@/lib/schemas/link";
import { METRICS, type Grouping, type Metric } from "@/lib/schemas/compare";
import { compareGroups, summarize, type GroupComparison, type GroupSummary } from "./summary";

export type CompareRun = {
  id: number;
  durationMs: number | null;
  downtimeMs: number | null;
  transferredBytes: number | null;
  throughputGbps: number | null;
  link: { lineRateGbps: number; busLimitGbps: number | null };
  profile: { name: string; workload: string };
  campaign: { testbed: { linkScale: number } };
};

export type CompareGroup = {
  key: string;
  baseline: GroupSummary | null;
  candidate: GroupSummary | null;
  comparison: GroupComparison | null;
  /** Mean throughput as a share of the usable (emulated) rate of the runs' links. */
  baselineRateShare: number | null;
  candidateRateShare: number | null;
};

function groupKey(run: CompareRun, grouping: Grouping): string {
  if (grouping === "none") return "all runs";
  if (grouping === "workload") return run.profile.workload;
  if (grouping === "profile") return run.profile.name;
  const rate = usableRateGbps(run.link) * run.campaign.testbed.linkScale;
  return `${run.profile.workload} · ${+rate.toFixed(2)} Gb/s`;
}

function values(runs: CompareRun[], metric: Metric): number[] {
  return runs.map((r) => r[metric]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

function rateShare(runs: CompareRun[]): number | null {
  const shares = runs
    .filter((r) => r.throughputGbps !== null)
    .map((r) => r.throughputGbps! / (usableRateGbps(r.link) * r.campaign.testbed.linkScale));
  return shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
}

/** Builds the per-group comparison of baseline and candidate runs for a metric. */
export function buildComparison(
  baseline: CompareRun[],
  candidate: CompareRun[],
  { metric, grouping, baselineName = "baseline", candidateName = "candidate" }: { metric: Metric; grouping: Grouping; baselineName?: string; candidateName?: string },
): CompareGroup[] {
  const keys = new Map<string, { b: CompareRun[]; c: CompareRun[] }>();
  for (const [list, side] of [[baseline, "b"], [candidate, "c"]] as const) {
    for (const run of list) {
      const k = groupKey(run, grouping);
      if (!keys.has(k)) keys.set(k, { b: [], c: [] });
      keys.get(k)![side].push(run);
    }
  }
  const m = METRICS[metric];
  return [...keys.entries()].map(([key, { b, c }]) => ({
    key,
    baseline: summarize(values(b, metric)),
    candidate: summarize(values(c, metric)),
    comparison: compareGroups(values(b, metric), values(c, metric), { direction: m.direction, better: m.better, baselineName, candidateName }),
    baselineRateShare: rateShare(b),
    candidateRateShare: rateShare(c),
  }));
}

/** Chart rows: one per group, means with their 95% interval as [low error, high error]. */
export function comparisonChartData(groups: CompareGroup[]) {
  const err = (s: GroupSummary | null) => (s && s.ciLow !== null && s.ciHigh !== null ? [s.mean - s.ciLow, s.ciHigh - s.mean] : [0, 0]);
  return groups.map((g) => ({
    label: g.key,
    ...(g.baseline ? { baseline: g.baseline.mean, baselineError: err(g.baseline) } : {}),
    ...(g.candidate ? { candidate: g.candidate.mean, candidateError: err(g.candidate) } : {}),
  }));
}
