/**
 * Shapes two run selections into a comparison: groups (by profile, workload, workload × rate, or
 * none — each keeping VM sizes and counts apart unless pooled), per-group statistics and verdicts, throughput as a share of each link's usable rate, chart
 * rows. The database hands over per-cell aggregates (profile × link × testbed: count, moments,
 * throughput sum) — never the runs themselves — and the medians of the display groups; the same
 * builder works from runs in memory (tests, small sets) through `cellsOfRuns`.
 */
import { median } from "simple-statistics";
import { usableRateGbps } from "@/lib/model/rates";
import { formatMemory } from "@/lib/format/units";
import { formatSweepValue } from "@/lib/model/migration-settings";
import { METRICS, type Grouping, type Metric } from "@/lib/schemas/compare";
import type { MetricKey } from "@/lib/model/metrics";
import {
  combineMoments,
  compareSummaries,
  momentsOf,
  summaryFromMoments,
  type GroupComparison,
  type GroupSummary,
  type Moments,
} from "./summary";

export type CompareRun = {
  id: number;
} & { [K in MetricKey]?: number | null } & {
  link: { id?: number; lineRateGbps: number; busLimitGbps: number | null };
  profile: { id?: number; name: string; workload: string; vmCount: number; memoryBytes: bigint | number };
  campaign: { testbed: { id?: number; linkScale: number } };
  /** The settings variant ("" or absent: the defaults) and the swept variable and value, if any. */
  settingsKey?: string;
  sweepVariable?: string | null;
  sweepValue?: number | null;
};

/** The finest grain a comparison groups: one VM profile over one link of one testbed. */
export type CompareCell = {
  profileId: number;
  linkId: number;
  testbedId: number;
  profile: { name: string; workload: string; vmCount: number; memoryBytes: bigint | number };
  link: { lineRateGbps: number; busLimitGbps: number | null };
  linkScale: number;
  /** The runs' settings variant ("" = the defaults) and swept variable and value (null: no sweep). */
  settingsKey: string;
  sweep: { variable: string; value: number } | null;
  /** Succeeded runs in the cell (whether or not they report the metric). */
  runs: number;
  moments: Moments | null;
  throughput: { n: number; sumGbps: number };
};

export type CompareGroup = {
  key: string;
  baseline: GroupSummary | null;
  candidate: GroupSummary | null;
  comparison: GroupComparison | null;
  /** Mean throughput as a share of the usable (emulated) rate of the runs' links. */
  baselineRateShare: number | null;
  candidateRateShare: number | null;
  /** The VM profiles whose runs the group holds (both sides), by name: more than one is a pooled group. */
  profiles: string[];
  /** Per side, the usable (emulated) link rates its runs in the group used, in Gb/s, slowest first. */
  baselineRates: number[];
  candidateRates: number[];
};

/** How runs are put into display groups. */
export type GroupBy = {
  grouping: Grouping;
  /**
   * Put different VM sizes and counts into one group. Off (the default), every grouping keeps them
   * apart: a mean over 16 GB and 64 GB VMs describes neither.
   */
  pool?: boolean;
  /**
   * Leave the settings variant out of the group keys: each side is pinned to one variant, so the
   * variants are what is compared rather than what is kept apart.
   */
  acrossVariants?: boolean;
};

/** "2 × 16 GiB": what a run migrates, which groups never mix unless pooled. */
export const vmShapeOf = (p: { vmCount: number; memoryBytes: bigint | number }) =>
  `${p.vmCount} × ${formatMemory(Number(p.memoryBytes))}`;

const cellRate = (c: Pick<CompareCell, "link" | "linkScale">) => +(usableRateGbps(c.link) * c.linkScale).toFixed(2);

/**
 * The display group a cell belongs to under a grouping. Runs of another settings variant or swept value
 * are another measurement: every grouping keeps them apart, naming them after the grouping's key —
 * unless both sides are pinned to a variant each (`acrossVariants`), when the variants face each other.
 */
export function groupKeyOf(
  cell: Pick<CompareCell, "profile" | "link" | "linkScale"> & Partial<Pick<CompareCell, "settingsKey" | "sweep">>,
  by: GroupBy,
): string {
  const how = [
    ...(cell.settingsKey && !by.acrossVariants ? [cell.settingsKey] : []),
    ...(cell.sweep ? [formatSweepValue(cell.sweep.variable, cell.sweep.value)] : []),
  ];
  return [baseGroupKey(cell, by), ...how].join(" · ");
}

function baseGroupKey(cell: Pick<CompareCell, "profile" | "link" | "linkScale">, { grouping, pool }: GroupBy): string {
  if (grouping === "profile") return cell.profile.name;
  const shape = pool ? [] : [vmShapeOf(cell.profile)];
  if (grouping === "none") return pool ? "all runs" : `${shape[0]} · all runs`;
  if (grouping === "workload") return [...shape, cell.profile.workload].join(" · ");
  return [...shape, cell.profile.workload, `${cellRate(cell)} Gb/s`].join(" · ");
}

const sweepOf = (run: CompareRun): CompareCell["sweep"] =>
  run.sweepVariable && run.sweepValue != null ? { variable: run.sweepVariable, value: run.sweepValue } : null;

/** The cells of runs in memory, as the database would aggregate them. */
export function cellsOfRuns(runs: CompareRun[], metric: Metric): CompareCell[] {
  const cells = new Map<string, { runs: CompareRun[] }>();
  runs.forEach((run, i) => {
    // Runs without ids (tests) each form their own cell: combining is exact either way.
    const key =
      run.profile.id !== undefined && run.link.id !== undefined
        ? `${run.profile.id}:${run.link.id}:${run.campaign.testbed.id ?? 0}:${run.settingsKey ?? ""}:${run.sweepVariable ?? ""}:${run.sweepValue ?? ""}`
        : `run${i}`;
    cells.set(key, { runs: [...(cells.get(key)?.runs ?? []), run] });
  });
  return [...cells.values()].map(({ runs: list }) => {
    const first = list[0];
    const tps = list.map((r) => r.throughputGbps).filter((v): v is number => v !== null);
    return {
      profileId: first.profile.id ?? 0,
      linkId: first.link.id ?? 0,
      testbedId: first.campaign.testbed.id ?? 0,
      profile: first.profile,
      link: first.link,
      linkScale: first.campaign.testbed.linkScale,
      settingsKey: first.settingsKey ?? "",
      sweep: sweepOf(first),
      runs: list.length,
      moments: momentsOf(list.map((r) => r[metric] ?? null).filter((v): v is number => v !== null)),
      throughput: { n: tps.length, sumGbps: tps.reduce((a, b) => a + b, 0) },
    };
  });
}

/** Display groups of cells: the cells in each group under a grouping. */
export function cellsByGroup(cells: CompareCell[], by: GroupBy): Map<string, CompareCell[]> {
  const out = new Map<string, CompareCell[]>();
  for (const cell of cells) {
    const key = groupKeyOf(cell, by);
    out.set(key, [...(out.get(key) ?? []), cell]);
  }
  return out;
}

function summaryOf(cells: CompareCell[], groupMedian: number | undefined): GroupSummary | null {
  const m = cells.reduce<Moments | null>((acc, c) => combineMoments(acc, c.moments), null);
  return m ? summaryFromMoments(m, groupMedian ?? m.mean) : null;
}

function rateShare(cells: CompareCell[]): number | null {
  let n = 0;
  let share = 0;
  for (const c of cells) {
    if (!c.throughput.n) continue;
    n += c.throughput.n;
    share += c.throughput.sumGbps / (usableRateGbps(c.link) * c.linkScale);
  }
  return n ? share / n : null;
}

/**
 * Builds the per-group comparison from both sides' cells and each display group's median (by
 * side), for a metric.
 */
export function buildComparisonFromCells(
  baseline: CompareCell[],
  candidate: CompareCell[],
  medians: { baseline: Map<string, number>; candidate: Map<string, number> },
  {
    metric,
    grouping,
    pool = false,
    acrossVariants = false,
    baselineName = "baseline",
    candidateName = "candidate",
  }: GroupBy & { metric: Metric; baselineName?: string; candidateName?: string },
): CompareGroup[] {
  const b = cellsByGroup(baseline, { grouping, pool, acrossVariants });
  const c = cellsByGroup(candidate, { grouping, pool, acrossVariants });
  const rates = (cells: CompareCell[]) => [...new Set(cells.map(cellRate))].sort((x, y) => x - y);
  const keys = [...new Set([...b.keys(), ...c.keys()])];
  const m = METRICS[metric];
  return keys.map((key) => {
    const bs = summaryOf(b.get(key) ?? [], medians.baseline.get(key));
    const cs = summaryOf(c.get(key) ?? [], medians.candidate.get(key));
    return {
      key,
      baseline: bs,
      candidate: cs,
      comparison:
        bs && cs
          ? compareSummaries(bs, cs, { direction: m.direction, better: m.better, baselineName, candidateName })
          : null,
      baselineRateShare: rateShare(b.get(key) ?? []),
      candidateRateShare: rateShare(c.get(key) ?? []),
      profiles: [...new Set([...(b.get(key) ?? []), ...(c.get(key) ?? [])].map((cell) => cell.profile.name))].sort(),
      baselineRates: rates(b.get(key) ?? []),
      candidateRates: rates(c.get(key) ?? []),
    };
  });
}

/** Builds the per-group comparison of baseline and candidate runs held in memory. */
export function buildComparison(
  baseline: CompareRun[],
  candidate: CompareRun[],
  options: GroupBy & { metric: Metric; baselineName?: string; candidateName?: string },
): CompareGroup[] {
  const medians = (runs: CompareRun[]) => {
    const values = new Map<string, number[]>();
    for (const run of runs) {
      const v = run[options.metric] ?? null;
      if (v === null || !Number.isFinite(v)) continue;
      const key = groupKeyOf(
        {
          profile: run.profile,
          link: run.link,
          linkScale: run.campaign.testbed.linkScale,
          settingsKey: run.settingsKey ?? "",
          sweep: sweepOf(run),
        },
        options,
      );
      values.set(key, [...(values.get(key) ?? []), v]);
    }
    return new Map([...values].map(([k, v]) => [k, median(v)]));
  };
  return buildComparisonFromCells(
    cellsOfRuns(baseline, options.metric),
    cellsOfRuns(candidate, options.metric),
    { baseline: medians(baseline), candidate: medians(candidate) },
    options,
  );
}

/** Chart rows: one per group, means with their 95% interval as [low error, high error]. */
export function comparisonChartData(groups: CompareGroup[]) {
  const err = (s: GroupSummary | null) =>
    s && s.ciLow !== null && s.ciHigh !== null ? [s.mean - s.ciLow, s.ciHigh - s.mean] : [0, 0];
  return groups.map((g) => ({
    label: g.key,
    ...(g.baseline ? { baseline: g.baseline.mean, baselineError: err(g.baseline) } : {}),
    ...(g.candidate ? { candidate: g.candidate.mean, candidateError: err(g.candidate) } : {}),
  }));
}
