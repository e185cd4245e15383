import { linearRegression, mean } from "simple-statistics";

/**
 * A measured run of one link: what went over the wire and how long it took, and the model's rate factor
 * for its workload (a dirtying guest's stream is slower than an idle one's; 1 when absent).
 */
export type FitRun = { transferredBytes: number; durationMs: number; rateFactor?: number };

/** The bytes an idle guest's stream would have sent in the run's time: what the efficiency is fitted on. */
const idleBytes = (r: FitRun) => r.transferredBytes / (r.rateFactor ?? 1);

export type LinkFit = {
  n: number;
  efficiency: number;
  setupMs: number;
  /** Mean absolute relative error of the model's time over these runs, before and after fitting. */
  errorBefore: number;
  errorAfter: number;
};

function timeMs(bytes: number, rateGbps: number, efficiency: number, setupMs: number) {
  return setupMs + ((bytes * 8) / (rateGbps * 1e9 * efficiency)) * 1000;
}

function meanError(runs: FitRun[], rateGbps: number, efficiency: number, setupMs: number) {
  return mean(runs.map((r) => Math.abs(timeMs(idleBytes(r), rateGbps, efficiency, setupMs) / r.durationMs - 1)));
}

/**
 * Fits a link's model efficiency and setup time to measured runs: duration = setup + bytes × 8 /
 * (rate × efficiency × the workload's rate factor), a straight line in bytes (least squares) — so the
 * efficiency is the link's, not the workload's, and the model does not apply the factor twice. With runs of a single size the
 * setup time cannot be told apart from the rate, so the current setup is kept and only the
 * efficiency is fitted. `rateGbps` is the rate the runs were given (usable rate × link scale).
 */
export function fitLinkModel(
  runs: FitRun[],
  rateGbps: number,
  current: { efficiency: number; setupMs: number },
): LinkFit | null {
  const usable = runs.filter((r) => r.transferredBytes > 0 && r.durationMs > 0);
  if (usable.length === 0 || rateGbps <= 0) return null;
  const xs = usable.map(idleBytes);
  const spread = (Math.max(...xs) - Math.min(...xs)) / Math.max(...xs);
  let efficiency: number;
  let setupMs: number;
  const line =
    usable.length >= 2 && spread > 0.3 ? linearRegression(usable.map((r) => [idleBytes(r), r.durationMs])) : null;
  if (line && line.m > 0 && line.b >= 0) {
    setupMs = line.b;
    efficiency = 8000 / (rateGbps * 1e9 * line.m);
  } else {
    setupMs = current.setupMs;
    const perByte = mean(usable.map((r) => Math.max(1e-9, r.durationMs - setupMs) / idleBytes(r)));
    efficiency = 8000 / (rateGbps * 1e9 * perByte);
  }
  efficiency = Math.min(1.5, Math.max(0.05, efficiency));
  setupMs = Math.min(60_000, Math.max(0, setupMs));
  return {
    n: usable.length,
    efficiency,
    setupMs,
    errorBefore: meanError(usable, rateGbps, current.efficiency, current.setupMs),
    errorAfter: meanError(usable, rateGbps, efficiency, setupMs),
  };
}
