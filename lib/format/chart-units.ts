import { formatBytes, formatDurationMs, formatGbps, formatRatio } from "./units";

/** The quantities charts plot; each knows its axis tick text, axis title and tooltip text. */
export type ChartUnit = "durationMs" | "downtimeMs" | "pauseMs" | "gbps" | "bytes" | "ratio";

type ChartUnitStyle = {
  axisLabel: string;
  /** Data units per unit shown on the axis (bytes per GB, ms per s); lib/format/axis.ts makes the ticks. */
  perDisplayUnit: number;
  /** Appended to an axis tick's number. */
  suffix: string;
  tooltip: (v: number) => string;
};

function milliseconds(axisLabel: string): ChartUnitStyle {
  return { axisLabel, perDisplayUnit: 1, suffix: " ms", tooltip: (v) => formatDurationMs(v) };
}

export const CHART_UNITS: Record<ChartUnit, ChartUnitStyle> = {
  durationMs: {
    axisLabel: "Migration time (s)",
    perDisplayUnit: 1000,
    suffix: " s",
    tooltip: (v) => formatDurationMs(v),
  },
  // Downtime is milliseconds where migration time is seconds: ticks in ms, so 0.1 s is not drawn as "0 s".
  downtimeMs: milliseconds("Downtime (ms)"),
  // The guest's own pause: milliseconds like downtime, its own axis title.
  pauseMs: milliseconds("Guest-observed pause (ms)"),
  gbps: { axisLabel: "Throughput (Gb/s)", perDisplayUnit: 1, suffix: " Gb/s", tooltip: (v) => formatGbps(v) },
  bytes: {
    axisLabel: "Data transferred (GB)",
    perDisplayUnit: 1e9,
    suffix: " GB",
    tooltip: (v) => formatBytes(v),
  },
  ratio: { axisLabel: "Speed-up (×)", perDisplayUnit: 1, suffix: "×", tooltip: (v) => formatRatio(v) },
};

/** Bar colours for links, slowest first. */
export const LINK_COLORS = ["#64748b", "#0284c7", "#7c3aed", "#059669", "#d97706", "#db2777"];
