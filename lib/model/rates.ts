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
