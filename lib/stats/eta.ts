/**
 * How long a running migration has left: the pre-copy model's prediction for the run, scaled by the
 * share of its predicted bytes still to send (so a run ahead of or behind the model moves its estimate),
 * and converted to wall-clock time at the pace the samples arrive (a simulator at 50× reports 50 s of
 * migration per second).
 */
export type EtaInput = {
  /** The latest progress sample, if any. */
  last: { tMs: number; transferredBytes: number } | null;
  predictedDurationMs: number;
  predictedBytes: number;
  /** Wall-clock milliseconds since the run started. */
  elapsedWallMs: number;
};

export type Eta = {
  /** Share of the predicted bytes sent, 0–0.99 (never "done" while running). */
  fraction: number;
  /** Wall-clock milliseconds left. */
  remainingWallMs: number;
  /** "model" before any progress is known; "progress" once samples arrive. */
  basis: "model" | "progress";
};

export function runEta({ last, predictedDurationMs, predictedBytes, elapsedWallMs }: EtaInput): Eta {
  if (!last || last.tMs <= 0 || predictedBytes <= 0)
    return { fraction: 0, remainingWallMs: Math.max(0, predictedDurationMs - elapsedWallMs), basis: "model" };
  const fraction = Math.min(0.99, Math.max(0, last.transferredBytes / predictedBytes));
  const pace = elapsedWallMs > 0 ? elapsedWallMs / last.tMs : 1;
  return { fraction, remainingWallMs: (1 - fraction) * predictedDurationMs * pace, basis: "progress" };
}
