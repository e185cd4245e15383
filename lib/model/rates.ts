/** Link rates and throughput, in one place: every adapter, the model, imports and pages use these. */

/** The rate a link can actually carry: its line rate, or the bus limit when that is lower. */
export function usableRateGbps(link: { lineRateGbps: number; busLimitGbps: number | null }): number {
  return link.busLimitGbps != null ? Math.min(link.lineRateGbps, link.busLimitGbps) : link.lineRateGbps;
}

/** Mean throughput of moving `bytes` in `durationMs`, in Gb/s; null for a non-positive duration. */
export function throughputGbps(bytes: number, durationMs: number): number | null {
  return durationMs > 0 ? (bytes * 8) / (durationMs / 1000) / 1e9 : null;
}

/** Gb/s as bytes per second. */
export function gbpsToBytesPerSec(gbps: number): number {
  return (gbps * 1e9) / 8;
}

/** Bytes per second as Gb/s. */
export function bytesPerSecToGbps(bytesPerSec: number): number {
  return (bytesPerSec * 8) / 1e9;
}

/** How far above its link's rate a throughput may be before it is not the link's doing (measurement, rounding). */
export const RATE_LEAK_TOLERANCE = 0.05;

/**
 * A throughput faster than the link it ran over (usable rate × the testbed's link scale) by more than 5%:
 * on an emulated link, the emulation leaked (QEMU's max-bandwidth does not throttle the final stop-and-copy);
 * on a physical one, the link's recorded rates are wrong. The share of the rate, or null when it holds.
 */
export function rateLeakShare(throughputGbps: number | null | undefined, linkRateGbps: number): number | null {
  if (throughputGbps == null || !(linkRateGbps > 0)) return null;
  const share = throughputGbps / linkRateGbps;
  return share > 1 + RATE_LEAK_TOLERANCE ? share : null;
}

/** Words for a leak, on a run's page and in the matrix. */
export function rateLeakText(share: number, emulated: boolean): string {
  const pct = `${Math.round(share * 100)}% of the link's rate`;
  return emulated
    ? `faster than the emulated link (${pct}): emulation leak`
    : `faster than the link can carry (${pct}): check the link's line rate and bus limit`;
}
