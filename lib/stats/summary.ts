/**
 * Group summaries and two-group comparisons: mean, spread, 95% intervals, Welch's t-test and a
 * verdict in plain words. Distribution functions from @stdlib; descriptive statistics from
 * simple-statistics.
 */
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { max, mean, median, min } from "simple-statistics";

export type GroupSummary = {
  n: number;
  mean: number;
  /** null with fewer than two values. */
  sd: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  min: number;
  max: number;
  median: number;
};

/**
 * What a group's values reduce to, and what the database can compute for any number of runs:
 * count, mean, the sum of squared deviations from the mean (M2), min and max. Groups combine
 * exactly (Chan et al.), so per-cell aggregates add up to any grouping.
 */
export type Moments = { n: number; mean: number; m2: number; min: number; max: number };

/** The moments of a list of values (non-finite values left out); null when there are none. */
export function momentsOf(values: number[]): Moments | null {
  const xs = values.filter((v) => Number.isFinite(v));
  if (!xs.length) return null;
  const m = mean(xs);
  return { n: xs.length, mean: m, m2: xs.reduce((acc, x) => acc + (x - m) ** 2, 0), min: min(xs), max: max(xs) };
}

/** Two groups' moments as one group's. */
export function combineMoments(a: Moments | null, b: Moments | null): Moments | null {
  if (!a) return b;
  if (!b) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return {
    n,
    mean: a.mean + (delta * b.n) / n,
    m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}

/** A group summary from its moments and median. */
export function summaryFromMoments(m: Moments, median: number, confidence = 0.95): GroupSummary {
  const sd = m.n >= 2 ? Math.sqrt(Math.max(0, m.m2) / (m.n - 1)) : null;
  const half = sd !== null ? tQuantile(1 - (1 - confidence) / 2, m.n - 1) * (sd / Math.sqrt(m.n)) : null;
  return {
    n: m.n,
    mean: m.mean,
    sd,
    ciLow: half !== null ? m.mean - half : null,
    ciHigh: half !== null ? m.mean + half : null,
    min: m.min,
    max: m.max,
    median,
  };
}

/** A mean's spread: how many values, their standard deviation, and half the width of its 95% interval. */
export type Spread = { n: number; sd: number; half: number };

/**
 * A mean's spread from the count of its values and M2, their summed squared deviations from their own
 * mean (what the database sums in a second pass: no precision lost to large values); null below two values.
 */
export function spreadOf(n: number, m2: number, confidence = 0.95): Spread | null {
  if (n < 2 || !Number.isFinite(m2)) return null;
  const sd = Math.sqrt(Math.max(0, m2) / (n - 1));
  return { n, sd, half: tQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n)) };
}

/** n, mean, standard deviation, 95% confidence interval of the mean, min, max, median. */
export function summarize(values: number[], confidence = 0.95): GroupSummary | null {
  const xs = values.filter((v) => Number.isFinite(v));
  const m = momentsOf(xs);
  return m ? summaryFromMoments(m, median(xs), confidence) : null;
}

export type WelchResult = { t: number; df: number; p: number };

/** Welch's unequal-variances t-test (two-sided) from two summaries. Needs n ≥ 2 in both. */
export function welchFromSummaries(a: GroupSummary, b: GroupSummary): WelchResult | null {
  if (a.n < 2 || b.n < 2 || a.sd === null || b.sd === null) return null;
  const va = a.sd ** 2 / a.n;
  const vb = b.sd ** 2 / b.n;
  const diff = a.mean - b.mean;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { t: diff === 0 ? 0 : Math.sign(diff) * Infinity, df: a.n + b.n - 2, p: diff === 0 ? 1 : 0 };
  const t = diff / se;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return { t, df, p: 2 * (1 - tCdf(Math.abs(t), df)) };
}

/** Welch's unequal-variances t-test (two-sided). Needs n ≥ 2 in both groups. */
export function welchTTest(a: number[], b: number[]): WelchResult | null {
  const sa = summarize(a);
  const sb = summarize(b);
  return sa && sb ? welchFromSummaries(sa, sb) : null;
}

export type Direction = "lower-is-better" | "higher-is-better";

export type GroupComparison = {
  baseline: GroupSummary;
  candidate: GroupSummary;
  /** How many times better the candidate is (time: baseline ÷ candidate; throughput: candidate ÷ baseline). */
  ratio: number;
  ratioLow: number | null;
  ratioHigh: number | null;
  /** candidate mean − baseline mean, in the metric's unit. */
  difference: number;
  welch: WelchResult | null;
  verdict: string;
  significant: boolean;
  enoughRuns: boolean;
};

export type CompareOptions = {
  direction: Direction;
  baselineName: string;
  candidateName: string;
  /** Word for "better" in this metric: "faster", "higher throughput", "less data", "shorter downtime". */
  better: string;
  alpha?: number;
  /** Fewer runs than this in either group: "needs more runs". */
  minRuns?: number;
};

function formatP(p: number) {
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}

function times(x: number) {
  return `${x.toFixed(2)}×`;
}

/**
 * Compares two groups of one metric. The ratio's 95% interval uses the delta method on the log
 * ratio with Welch–Satterthwaite degrees of freedom.
 */
export function compareGroups(
  baseline: number[],
  candidate: number[],
  options: CompareOptions,
): GroupComparison | null {
  const b = summarize(baseline);
  const c = summarize(candidate);
  return b && c ? compareSummaries(b, c, options) : null;
}

/** The same comparison from the two groups' summaries (aggregated by the database). */
export function compareSummaries(b: GroupSummary, c: GroupSummary, options: CompareOptions): GroupComparison | null {
  if (b.mean <= 0 || c.mean <= 0) return null;
  const lowerBetter = options.direction === "lower-is-better";
  const ratio = lowerBetter ? b.mean / c.mean : c.mean / b.mean;
  const welch = welchFromSummaries(b, c);
  let ratioLow: number | null = null;
  let ratioHigh: number | null = null;
  if (b.sd !== null && c.sd !== null && welch) {
    const se = Math.sqrt(b.sd ** 2 / (b.n * b.mean ** 2) + c.sd ** 2 / (c.n * c.mean ** 2));
    const q = tQuantile(0.975, Number.isFinite(welch.df) && welch.df > 0 ? welch.df : b.n + c.n - 2);
    ratioLow = ratio * Math.exp(-q * se);
    ratioHigh = ratio * Math.exp(q * se);
  }
  const minRuns = options.minRuns ?? 3;
  const enoughRuns = b.n >= minRuns && c.n >= minRuns;
  const significant = enoughRuns && !!welch && welch.p < (options.alpha ?? 0.05);
  let verdict: string;
  if (!enoughRuns) {
    verdict = `needs more runs: n = ${Math.min(b.n, c.n)}${b.n !== c.n ? ` (${b.n} vs ${c.n})` : ""}, at least ${minRuns} per side`;
  } else if (significant) {
    const candidateWins = ratio >= 1;
    const winner = candidateWins ? options.candidateName : options.baselineName;
    const r = candidateWins ? ratio : 1 / ratio;
    const lo = candidateWins ? ratioLow : ratioHigh && 1 / ratioHigh;
    const hi = candidateWins ? ratioHigh : ratioLow && 1 / ratioLow;
    verdict = `${winner} is ${options.better}: ${times(r)}${lo && hi ? ` [${lo.toFixed(2)}, ${hi.toFixed(2)}]` : ""}, ${formatP(welch!.p)}`;
  } else {
    verdict = `no significant difference${welch ? ` (${formatP(welch.p)})` : ""}`;
  }
  return {
    baseline: b,
    candidate: c,
    ratio,
    ratioLow,
    ratioHigh,
    difference: c.mean - b.mean,
    welch,
    verdict,
    significant,
    enoughRuns,
  };
}
