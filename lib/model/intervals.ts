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
  /**
   * Per metric, measured ÷ the model's value for each run the fit used, the model fitted without that run's cell
   * (leave one cell out: its link, guest and settings) — so the residuals hold what predicting a cell not fitted
   * costs, not only run-to-run noise. With a single cell, the in-sample residuals.
   */
  residuals: Record<IntervalMetric, number[]>;
  /** How the residuals were measured. */
  residualKind: "leave-one-cell-out" | "in-sample";
};

export const INTERVAL_METRICS = ["durationMs", "transferredBytes", "downtimeMs"] as const;
export type IntervalMetric = (typeof INTERVAL_METRICS)[number];
export type Interval = { low: number; high: number };

/**
 * How far an untested link's stream may lie from the tested ones' (±, relative): no run measures it, so each
 * resample draws its efficiency within this of their mean (a prior, not a fit: QEMU here had 1 and 2.7 Gb/s
 * streams within 4% of each other).
 */
export const UNTESTED_LINK_SPREAD = 0.05;

/**
 * What the model misses between cells that no residual of the fitted cells shows (±, relative): a cell predicted
 * out of sample — a higher λ, another strategy, another link — errs more than its neighbours predict each other.
 * From the out-of-sample check on real QEMU here (docs/model-out-of-sample.md: errors within ±5% on time and data
 * for pre-copy, auto-converge and post-copy, fitted on 0–40 MB/s over one link): each resampled answer is also
 * scaled by a draw within it.
 */
export const MODEL_ERROR = 0.05;

/** Leave-one-out over cells, at most this many folds (cells are dealt round-robin into them). */
const MAX_FOLDS = 10;

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
      modelDirtyRateFidelity: p.host.dirtyRateFidelity,
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
  // The caller reads at most MAX_FIT_RUNS_PER_LINK runs per link (lib/db/links.ts), the newest.
  const fit = fitTestbed(links, linkScale, testbedDowntimeLimitMs);
  if (!fit.links.length) return null;
  const params = paramsOf(fit);
  const byId = new Map(links.map((l) => [l.id, l]));
  const residuals: Record<IntervalMetric, number[]> = { durationMs: [], transferredBytes: [], downtimeMs: [] };
  const addResiduals = (s: TestbedFit["samples"][number], p: FittedParams) => {
    const model = predictRun(fittedLink(byId.get(s.linkId)!, p), s.profile, linkScale, s.settings);
    if (!model.converges) return;
    residuals.durationMs.push(s.durationMs / model.durationMs);
    residuals.transferredBytes.push(s.transferredBytes / model.transferredBytes);
    if (s.downtimeMs != null && model.downtimeMs > 0) residuals.downtimeMs.push(s.downtimeMs / model.downtimeMs);
  };
  const cells = new Map<string, TestbedFit["samples"]>();
  for (const s of fit.samples) {
    const key = JSON.stringify([s.linkId, s.profile, s.settings]);
    cells.set(key, [...(cells.get(key) ?? []), s]);
  }
  // Cells dealt into at most MAX_FOLDS folds: each fold is left out once (one cell per fold when there are few).
  const folds: TestbedFit["samples"][] = [];
  [...cells.values()].forEach((members, i) => {
    folds[i % MAX_FOLDS] = [...(folds[i % MAX_FOLDS] ?? []), ...members];
  });
  let residualKind: Bootstrap["residualKind"] = "in-sample";
  if (cells.size >= 2)
    for (const members of folds) {
      const out = new Set(members.map((m) => m.run));
      const without = fitTestbed(
        links.map((l) => ({ ...l, runs: l.runs.filter((r) => !out.has(r)) })),
        linkScale,
        testbedDowntimeLimitMs,
      );
      if (!without.links.length) continue;
      residualKind = "leave-one-cell-out";
      for (const s of members) addResiduals(s, paramsOf(without));
    }
  if (residualKind === "in-sample") for (const s of fit.samples) addResiduals(s, params);
  const resampled: FittedParams[] = [];
  for (let i = 0; i < resamples; i++) {
    const again = fitTestbed(
      links.map((l) => ({ ...l, runs: l.runs.length ? draw(l.runs, l.runs.length) : [] })),
      linkScale,
      testbedDowntimeLimitMs,
    );
    if (!again.links.length) continue;
    const p = paramsOf(again);
    const spread = 1 + UNTESTED_LINK_SPREAD * (2 * random() - 1);
    resampled.push({ ...p, untested: { ...p.untested, efficiency: Math.min(1, p.untested.efficiency * spread) } });
  }
  return { fit, params, resampled, residuals, residualKind };
}

/**
 * The `level` interval (0.8: the 10th to the 90th percentile) of what `answer` says under each resampled model,
 * each value scaled by a residual drawn at random. `answer` returns null where the model does not converge; when
 * more than 1 − `level` of the resamples do not, there is no interval (the fit cannot say it converges with that
 * confidence: near λ = 1), and `converging` says how many did.
 */
export function intervalsOf<K extends IntervalMetric>(
  boot: Bootstrap,
  answer: (p: FittedParams) => Partial<Record<K, number>> | null,
  { level = 0.8, seed = 2 }: { level?: number; seed?: number } = {},
): { intervals: Partial<Record<K, Interval>>; converging: number; resamples: number } {
  const random = seededRandom(seed);
  const values = new Map<K, number[]>();
  let converging = 0;
  for (const p of boot.resampled) {
    const a = answer(p);
    if (!a) continue;
    converging++;
    for (const [k, v] of Object.entries(a) as [K, number][]) {
      if (!Number.isFinite(v)) continue;
      const r = boot.residuals[k];
      const scale = (r.length ? r[Math.floor(random() * r.length)] : 1) * (1 + MODEL_ERROR * (2 * random() - 1));
      values.set(k, [...(values.get(k) ?? []), v * scale]);
    }
  }
  // Widened by the resolution figures are shown at (3 significant digits, ±0.5%): a parameter the runs pin
  // down exactly (a downtime at its limit) still gets an interval a measured value can fall in.
  const out: Partial<Record<K, Interval>> = {};
  const confident = converging >= 10 && converging >= level * boot.resampled.length;
  for (const [k, xs] of values)
    if (confident && xs.length >= 10)
      out[k] = { low: quantile(xs, (1 - level) / 2) * 0.995, high: quantile(xs, (1 + level) / 2) * 1.005 };
  return { intervals: out, converging, resamples: boot.resampled.length };
}
