import { mean, quantile } from "simple-statistics";
import { seededRandom } from "@/lib/hypervisors/simulator/random";
import { fitTestbed, type TestbedFit } from "./fit-testbed";
import { hostParametersOf, predictRun, type LinkWithModel } from "./predict";

/**
 * Intervals, not points: how sure a prediction is, from the runs its fit used. A bootstrap — the fit repeated on
 * resamples of those runs (with replacement, per link) — gives the spread of the parameters; each resampled
 * model's answer is then scaled by one run's residual (measured ÷ fitted model, drawn at random), so the interval
 * also holds what a single run varies by. With no comparable runs there is no interval: the model's seed stands.
 */

type FitInput = Parameters<typeof fitTestbed>[0];

/** A fitted model as the planner applies it: per link its efficiency and setup, per testbed its host parameters. */
export type FittedParams = {
  host: TestbedFit["host"];
  links: Map<number, { efficiency: number; setupMs: number }>;
  /**
   * What an untested link of the testbed takes: the mean efficiency and setup of the tested ones (the same hosts
   * drive it; its seed was never measured).
   */
  untested: { efficiency: number; setupMs: number };
};

export type Bootstrap = {
  fit: TestbedFit;
  params: FittedParams;
  /** One fitted model per resample (resamples whose fit found nothing are dropped). */
  resampled: FittedParams[];
  /** Per metric, measured ÷ the fitted model's value over the runs the fit used. */
  residuals: Record<IntervalMetric, number[]>;
};

export const INTERVAL_METRICS = ["durationMs", "transferredBytes", "downtimeMs"] as const;
export type IntervalMetric = (typeof INTERVAL_METRICS)[number];
export type Interval = { low: number; high: number };

/** How many runs per link a resample draws at most (the rest of a large history adds little but time). */
const MAX_RUNS_PER_LINK = 200;

export function paramsOf(fit: TestbedFit): FittedParams {
  return {
    host: fit.host,
    links: new Map(fit.links.map(({ link, fit: f }) => [link.id, { efficiency: f.efficiency, setupMs: f.setupMs }])),
    untested: {
      efficiency: mean(fit.links.map((l) => l.fit.efficiency)),
      setupMs: mean(fit.links.map((l) => l.fit.setupMs)),
    },
  };
}

/**
 * A stored link under a fitted model: its fitted efficiency and setup (an untested link: the tested links' mean),
 * and the testbed's fitted host parameters instead of any of its own; its stream ceiling stays as set.
 */
export function fittedLink<L extends LinkWithModel & { id: number }>(link: L, p: FittedParams): L {
  const own = p.links.get(link.id) ?? p.untested;
  return {
    ...link,
    modelEfficiency: own.efficiency,
    modelSetupMs: own.setupMs,
    modelDirtyingRateFactor: null,
    modelWireOverhead: null,
    modelSwitchoverMs: null,
    testbed: {
      modelDirtyingRateFactor: p.host.dirtyingFactor,
      modelWireOverhead: p.host.wireOverhead,
      modelSwitchoverMs: p.host.switchoverMs,
      modelStreamCeilingGbps: hostParametersOf(link).modelStreamCeilingGbps,
    },
  };
}

/** Fits a testbed and `resamples` resamples of its runs (seeded: the same runs give the same intervals). */
export function bootstrapFit(
  links: FitInput,
  linkScale: number,
  testbedDowntimeLimitMs: number | null,
  { resamples = 200, seed = 1 }: { resamples?: number; seed?: number } = {},
): Bootstrap | null {
  const random = seededRandom(seed);
  const draw = <T>(xs: T[], n: number) => Array.from({ length: n }, () => xs[Math.floor(random() * xs.length)]);
  const capped = links.map((l) => ({
    ...l,
    runs: l.runs.length > MAX_RUNS_PER_LINK ? draw(l.runs, MAX_RUNS_PER_LINK) : l.runs,
  }));
  const fit = fitTestbed(capped, linkScale, testbedDowntimeLimitMs);
  if (!fit.links.length) return null;
  const params = paramsOf(fit);
  const byId = new Map(capped.map((l) => [l.id, l]));
  const residuals: Record<IntervalMetric, number[]> = { durationMs: [], transferredBytes: [], downtimeMs: [] };
  for (const s of fit.samples) {
    const model = predictRun(fittedLink(byId.get(s.linkId)!, params), s.profile, linkScale, s.settings);
    if (!model.converges) continue;
    residuals.durationMs.push(s.durationMs / model.durationMs);
    residuals.transferredBytes.push(s.transferredBytes / model.transferredBytes);
    if (s.downtimeMs != null && model.downtimeMs > 0) residuals.downtimeMs.push(s.downtimeMs / model.downtimeMs);
  }
  const resampled: FittedParams[] = [];
  for (let i = 0; i < resamples; i++) {
    const again = fitTestbed(
      capped.map((l) => ({ ...l, runs: l.runs.length ? draw(l.runs, l.runs.length) : [] })),
      linkScale,
      testbedDowntimeLimitMs,
    );
    if (again.links.length) resampled.push(paramsOf(again));
  }
  return { fit, params, resampled, residuals };
}

/**
 * The `level` interval (0.8: the 10th to the 90th percentile) of what `answer` says under each resampled model,
 * each value scaled by a residual drawn at random; null for a metric no resample answered. `answer` returns null
 * where the model does not converge.
 */
export function intervalsOf<K extends IntervalMetric>(
  boot: Bootstrap,
  answer: (p: FittedParams) => Partial<Record<K, number>> | null,
  { level = 0.8, seed = 2 }: { level?: number; seed?: number } = {},
): Partial<Record<K, Interval>> {
  const random = seededRandom(seed);
  const values = new Map<K, number[]>();
  for (const p of boot.resampled) {
    const a = answer(p);
    if (!a) continue;
    for (const [k, v] of Object.entries(a) as [K, number][]) {
      if (!Number.isFinite(v)) continue;
      const r = boot.residuals[k];
      const scale = r.length ? r[Math.floor(random() * r.length)] : 1;
      values.set(k, [...(values.get(k) ?? []), v * scale]);
    }
  }
  // Widened by the resolution figures are shown at (3 significant digits, ±0.5%): a parameter the runs pin
  // down exactly (a downtime at its limit) still gets an interval a measured value can fall in.
  const out: Partial<Record<K, Interval>> = {};
  for (const [k, xs] of values)
    if (xs.length >= 10)
      out[k] = { low: quantile(xs, (1 - level) / 2) * 0.995, high: quantile(xs, (1 + level) / 2) * 1.005 };
  return out;
}
