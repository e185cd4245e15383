import { CHART_UNITS, type ChartUnit } from "@/lib/format/chart-units";

/** Props of a value axis labelled with its unit (shared by the bar charts). */
export function unitYAxisProps(unit: ChartUnit) {
  const u = CHART_UNITS[unit];
  return {
    tickFormatter: u.tick,
    tick: { fontSize: 11 },
    width: 70,
    label: {
      value: u.axisLabel,
      angle: -90,
      position: "insideLeft" as const,
      offset: -16,
      style: { fontSize: 11, fill: "#475569", textAnchor: "middle" as const },
    },
  };
}
