import { formatBytes, formatDurationMs, formatGbps, formatRatio } from "./units";

/** The quantities charts plot; each knows its axis tick text, axis title and tooltip text. */
export type ChartUnit = "durationMs" | "downtimeMs" | "gbps" | "bytes" | "ratio";

export const CHART_UNITS: Record<
  ChartUnit,
  { axisLabel: string; tick: (v: number) => string; tooltip: (v: number) => string }
> = {
  durationMs: {
    axisLabel: "Migration time (s)",
    tick: (v) => `${+(v / 1000).toFixed(1)} s`,
    tooltip: (v) => formatDurationMs(v),
  },
  // Downtime is milliseconds where migration time is seconds: ticks in ms, so 0.1 s is not drawn as "0 s".
  downtimeMs: {
    axisLabel: "Downtime (ms)",
    tick: (v) => `${+v.toFixed(v < 10 ? 1 : 0)} ms`,
    tooltip: (v) => formatDurationMs(v),
  },
  gbps: { axisLabel: "Throughput (Gb/s)", tick: (v) => `${+v.toFixed(1)} Gb/s`, tooltip: (v) => formatGbps(v) },
  bytes: {
    axisLabel: "Data transferred (GB)",
    tick: (v) => `${+(v / 1e9).toFixed(1)} GB`,
    tooltip: (v) => formatBytes(v),
  },
  ratio: { axisLabel: "Speed-up (×)", tick: (v) => `${+v.toFixed(1)}×`, tooltip: (v) => formatRatio(v) },
};

/** Bar colours for links, slowest first. */
export const LINK_COLORS = ["#64748b", "#0284c7", "#7c3aed", "#059669", "#d97706", "#db2777"];
