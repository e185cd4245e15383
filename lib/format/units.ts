/**
 * Formatting of measured quantities for display. Values are stored in base units (bytes,
 * milliseconds, Gb/s); these helpers are the only place they become text.
 */

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

function fixed(value: number, digits: number, maxDigits = digits): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: maxDigits,
  });
}

/** Placeholder for a value a run did not report (unknown is not zero). */
export const UNKNOWN = "—";

function known(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Data volume in SI units: 18_180_000_000 → "18.18 GB". */
export function formatBytes(bytes: number | null | undefined, digits = 2): string {
  if (!known(bytes)) return UNKNOWN;
  const abs = Math.abs(bytes);
  if (abs >= 1e12) return `${fixed(bytes / 1e12, digits)} TB`;
  if (abs >= 1e9) return `${fixed(bytes / 1e9, digits)} GB`;
  if (abs >= 1e6) return `${fixed(bytes / 1e6, digits)} MB`;
  if (abs >= 1e3) return `${fixed(bytes / 1e3, digits)} kB`;
  return `${fixed(bytes, 0)} B`;
}

/** Data volume in gigabits, the unit of the whitepaper's "Data Size (Gb)" column. */
export function formatGigabits(bytes: number | null | undefined, digits = 2): string {
  if (!known(bytes)) return UNKNOWN;
  return `${fixed((bytes * 8) / 1e9, digits)} Gb`;
}

/** Memory sizes as configured on a VM or host, in binary units: 17179869184 → "16 GiB". */
export function formatMemory(bytes: number | null | undefined): string {
  if (!known(bytes)) return UNKNOWN;
  if (bytes >= GIB) {
    const gib = bytes / GIB;
    return `${Number.isInteger(gib) ? gib : fixed(gib, 2)} GiB`;
  }
  const mib = bytes / MIB;
  return `${Number.isInteger(mib) ? mib : fixed(mib, 1)} MiB`;
}

/** Duration: 16650 → "16.65 s", 7465 → "7.465 s", 850 → "850 ms", 125000 → "2 min 5.0 s". */
export function formatDurationMs(ms: number | null | undefined): string {
  if (!known(ms)) return UNKNOWN;
  if (Math.abs(ms) < 1000) return `${fixed(ms, 0)} ms`;
  const seconds = ms / 1000;
  // Millisecond precision is kept below 10 s (published figures like 7.465 s).
  if (seconds < 10) return `${fixed(seconds, 2, 3)} s`;
  if (seconds < 120) return `${fixed(seconds, 2)} s`;
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    return `${minutes} min ${fixed(seconds - minutes * 60, 1)} s`;
  }
  // Beyond an hour, seconds are noise: "67 h 17 min", and days past two days ("3 d 4 h").
  const totalMinutes = Math.round(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  if (hours < 48) return `${hours} h ${totalMinutes - hours * 60} min`;
  const days = Math.floor(hours / 24);
  return `${days} d ${hours - days * 24} h`;
}

/** Throughput or line rate: 8.78 → "8.78 Gb/s"; below 1 Gb/s in Mb/s. */
export function formatGbps(gbps: number | null | undefined, digits = 2): string {
  if (!known(gbps)) return UNKNOWN;
  if (gbps !== 0 && Math.abs(gbps) < 1) return `${fixed(gbps * 1000, 0)} Mb/s`;
  return `${fixed(gbps, digits)} Gb/s`;
}

/** Dirty rate, bytes per second shown as MB/s. */
export function formatRateBytesPerSec(bytesPerSec: number | null | undefined): string {
  if (!known(bytesPerSec)) return UNKNOWN;
  return `${fixed(bytesPerSec / 1e6, 1)} MB/s`;
}

/** Speed-up factor: 2.2304 → "2.23×". */
export function formatRatio(ratio: number | null | undefined, digits = 2): string {
  if (!known(ratio)) return UNKNOWN;
  return `${fixed(ratio, digits)}×`;
}

/** Plain count with thousands separators. */
export function formatCount(n: number | null | undefined): string {
  if (!known(n)) return UNKNOWN;
  return fixed(n, 0);
}

function dateOf(value: Date | string | null | undefined): Date | null {
  if (!value) return null;
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Date-time in UTC to the second, stable between server and browser renders: runs a few seconds apart
 * must not read as simultaneous. "2026-11-25 09:15:03 UTC"; without seconds for moments that are whole
 * minutes by construction (a schedule's firings).
 */
export function formatDateTime(
  value: Date | string | null | undefined,
  { seconds = true }: { seconds?: boolean } = {},
): string {
  const d = dateOf(value);
  return d
    ? `${d
        .toISOString()
        .slice(0, seconds ? 19 : 16)
        .replace("T", " ")} UTC`
    : UNKNOWN;
}

/** The full ISO 8601 time (milliseconds, Z), for a `<time dateTime>` and its hover text; null when unknown. */
export function isoDateTime(value: Date | string | null | undefined): string | null {
  return dateOf(value)?.toISOString() ?? null;
}

export const BYTES_PER_GIB = GIB;

/** How long ago a moment was, for "last seen": "4 s ago", "3 min ago", "2 h ago". */
export function formatAgo(then: Date, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}
