import { linearRegression, mean, median } from "simple-statistics";
import { DEFAULT_MODEL_PARAMS } from "./precopy";

/**
 * A measured run of one link: what went over the wire and how long it took, and whether its guest dirtied
 * memory while it migrated (a dirtying guest's stream is slower than an idle one's: it competes for CPU).
 */
export type FitRun = {
  transferredBytes: number;
  durationMs: number;
  dirtying?: boolean;
  /** For a guest written once (every page non-zero, nothing re-sent): the memory it migrated, all VMs. */
  writtenOnceBytes?: number;
  /** The downtime it reported, and the model's for the same run without a switchover time (pre-copy). */
  downtimeMs?: number | null;
  modelDowntimeMs?: number | null;
};

export type LinkFit = {
  n: number;
  efficiency: number;
  setupMs: number;
  /**
   * A dirtying guest's stream rate relative to an idle one's on this link, fitted when the link has runs of
   * both kinds; else the link's current value (null: the model's calibrated default).
   */
  dirtyingFactor: number | null;
  /**
   * Bytes on the wire per byte of memory, the median over guests written once (each sends its memory once),
   * when the link has such runs; else the link's current value (null: the model's calibrated default).
   */
  wireOverhead: number | null;
  /**
   * The fixed pause beyond what the stop-and-copy sends (ms): the median of measured downtime − the model's,
   * over the runs that report a downtime, at least 0; else the link's current value (null: none).
   */
  switchoverMs: number | null;
  /** How many runs the switchover time was fitted on (0: kept). */
  switchoverRuns: number;
  /** Mean absolute relative error of the model's time over these runs, before and after fitting. */
  errorBefore: number;
  errorAfter: number;
};

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

type Model = {
  efficiency: number;
  setupMs: number;
  dirtyingFactor?: number | null;
  wireOverhead?: number | null;
  switchoverMs?: number | null;
};

/** The bytes an idle guest's stream would have sent in the run's time: what the efficiency is fitted on. */
const idleBytes = (r: FitRun, dirtyingFactor: number) => r.transferredBytes / (r.dirtying ? dirtyingFactor : 1);

function timeMs(bytes: number, rateGbps: number, efficiency: number, setupMs: number) {
  return setupMs + ((bytes * 8) / (rateGbps * 1e9 * efficiency)) * 1000;
}

/** Mean absolute relative error of the model's time over these runs (0.05: 5%). */
export function meanError(runs: FitRun[], rateGbps: number, m: Model) {
  const factor = m.dirtyingFactor ?? DEFAULT_MODEL_PARAMS.workloadRateFactor.continuous;
  return mean(
    runs.map((r) => Math.abs(timeMs(idleBytes(r, factor), rateGbps, m.efficiency, m.setupMs) / r.durationMs - 1)),
  );
}

/**
 * Fits a link's model to measured runs: duration = setup + bytes × 8 / (rate × efficiency × the workload's
 * rate factor). The efficiency and setup come from the runs whose guest did not dirty memory (a straight line
 * in bytes, least squares; with runs of a single size the setup cannot be told from the rate, so the current
 * one is kept); the dirtying factor is then what the other runs achieved against that. A link with only
 * dirtying runs fits its efficiency through its current factor (or the model's default). The wire overhead is
 * what guests written once sent per byte of their memory. `rateGbps` is the
 * rate the runs were given (usable rate × link scale).
 */
export function fitLinkModel(runs: FitRun[], rateGbps: number, current: Model): LinkFit | null {
  const usable = runs.filter((r) => r.transferredBytes > 0 && r.durationMs > 0);
  if (usable.length === 0 || rateGbps <= 0) return null;
  const calm = usable.filter((r) => !r.dirtying);
  const hot = usable.filter((r) => r.dirtying);
  const base = calm.length ? calm : usable;
  const baseFactor = current.dirtyingFactor ?? DEFAULT_MODEL_PARAMS.workloadRateFactor.continuous;
  const xs = base.map((r) => idleBytes(r, baseFactor));
  const spread = (Math.max(...xs) - Math.min(...xs)) / Math.max(...xs);
  let efficiency: number;
  let setupMs: number;
  const line = base.length >= 2 && spread > 0.3 ? linearRegression(base.map((r, i) => [xs[i], r.durationMs])) : null;
  if (line && line.m > 0 && line.b >= 0) {
    setupMs = line.b;
    efficiency = 8000 / (rateGbps * 1e9 * line.m);
  } else {
    setupMs = current.setupMs;
    const perByte = mean(base.map((r, i) => Math.max(1e-9, r.durationMs - setupMs) / xs[i]));
    efficiency = 8000 / (rateGbps * 1e9 * perByte);
  }
  // A stream cannot carry more than the link: an efficiency above 1 says the runs were not shaped as the link
  // claims (or a different path carried them), not that the link is faster.
  efficiency = clamp(efficiency, 0.05, 1);
  setupMs = clamp(setupMs, 0, 60_000);
  // What the dirtying runs achieved, against the idle stream just fitted.
  const idleGbps = rateGbps * efficiency;
  const achieved = (r: FitRun) => (r.transferredBytes * 8) / ((Math.max(1, r.durationMs - setupMs) / 1000) * 1e9);
  const dirtyingFactor =
    calm.length && hot.length
      ? clamp(mean(hot.map((r) => achieved(r) / idleGbps)), 0.2, 1)
      : (current.dirtyingFactor ?? null);
  const once = usable.filter((r) => r.writtenOnceBytes).map((r) => r.transferredBytes / r.writtenOnceBytes!);
  const wireOverhead = once.length ? clamp(median(once), 1, 1.5) : (current.wireOverhead ?? null);
  const residuals = usable
    .filter((r) => r.downtimeMs != null && r.modelDowntimeMs != null)
    .map((r) => r.downtimeMs! - r.modelDowntimeMs!);
  const switchoverMs = residuals.length
    ? Math.round(clamp(median(residuals), 0, 10_000) * 10) / 10
    : (current.switchoverMs ?? null);
  return {
    n: usable.length,
    efficiency,
    setupMs,
    dirtyingFactor,
    wireOverhead,
    switchoverMs,
    switchoverRuns: residuals.length,
    errorBefore: meanError(usable, rateGbps, current),
    errorAfter: meanError(usable, rateGbps, { efficiency, setupMs, dirtyingFactor, wireOverhead }),
  };
}
