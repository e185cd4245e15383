/**
 * `virsh domjobinfo` output → SI units. virsh prints sizes with binary units (B, KiB, MiB, GiB, TiB),
 * rates in MiB/s, times in ms and the dirty rate in pages/s (times the page size for bytes/s).
 */

const BINARY: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };

export type JobInfo = {
  jobType: string | null;
  operation: string | null;
  elapsedMs: number | null;
  processedBytes: number | null;
  remainingBytes: number | null;
  totalBytes: number | null;
  memoryProcessedBytes: number | null;
  memoryRemainingBytes: number | null;
  memoryBandwidthBytesPerSec: number | null;
  dirtyRateBytesPerSec: number | null;
  iteration: number | null;
  downtimeMs: number | null;
  setupMs: number | null;
  /** Every line as printed, for raw stats. */
  raw: Record<string, string>;
};

/** "256.500 MiB" → bytes; "30.0 MiB/s" → bytes/s; "27 ms" → 27; null when absent or unreadable. */
export function parseQuantity(value: string | undefined): number | null {
  if (!value) return null;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)?(\/s)?$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2];
  if (!unit || unit === "ms" || unit === "bytes" || unit === "pages") return n;
  return unit in BINARY ? n * BINARY[unit] : null;
}

/** Parses `virsh domjobinfo [--completed]` text. */
export function parseJobInfo(text: string): JobInfo {
  const raw: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const i = line.indexOf(":");
    if (i > 0)
      raw[line.slice(0, i).trim()] = line
        .slice(i + 1)
        .trim()
        .replace(/\s+/g, " ");
  }
  const pageBytes = parseQuantity(raw["Page size"]) ?? 4096;
  const dirtyPages = raw["Dirty rate"] ? Number(raw["Dirty rate"].split(" ")[0]) : NaN;
  const int = (k: string) => (raw[k] !== undefined && /^\d+$/.test(raw[k]) ? Number(raw[k]) : null);
  return {
    jobType: raw["Job type"] ?? null,
    operation: raw["Operation"] ?? null,
    elapsedMs: parseQuantity(raw["Time elapsed"]),
    processedBytes: parseQuantity(raw["Data processed"]),
    remainingBytes: parseQuantity(raw["Data remaining"]),
    totalBytes: parseQuantity(raw["Data total"]),
    memoryProcessedBytes: parseQuantity(raw["Memory processed"]),
    memoryRemainingBytes: parseQuantity(raw["Memory remaining"]),
    memoryBandwidthBytesPerSec: parseQuantity(raw["Memory bandwidth"]),
    dirtyRateBytesPerSec: Number.isFinite(dirtyPages) ? dirtyPages * pageBytes : null,
    iteration: int("Iteration"),
    downtimeMs: parseQuantity(raw["Total downtime"]),
    setupMs: parseQuantity(raw["Setup time"]),
    raw,
  };
}

/** virsh --bandwidth takes MiB/s: the link's rate in bytes/s, rounded down, at least 1. */
export function virshBandwidthMiBps(bytesPerSec: number): number {
  return Math.max(1, Math.floor(bytesPerSec / 1024 ** 2));
}
