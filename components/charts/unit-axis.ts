import { CHART_UNITS, type ChartUnit } from "@/lib/format/chart-units";
import { niceAxis } from "@/lib/format/axis";

/**
 * Props of a value axis labelled with its unit (shared by the charts): nice, evenly spaced ticks over the
 * plotted `values` (lib/format/axis.ts), from zero; whiskers reaching below zero are clipped, not drawn
 * as a negative axis.
 */
export function unitYAxisProps(unit: ChartUnit, values: number[]) {
  const u = CHART_UNITS[unit];
  const axis = niceAxis(unit, values);
  return {
    domain: axis.domain,
    ticks: axis.ticks,
    tickFormatter: axis.format,
    allowDataOverflow: true,
    interval: 0 as const,
    tick: { fontSize: 11, fill: "var(--color-slate-600)" },
    width: 70,
    label: {
      value: u.axisLabel,
      angle: -90,
      position: "insideLeft" as const,
      offset: -16,
      style: { fontSize: 11, fill: "var(--color-slate-600)", textAnchor: "middle" as const },
    },
  };
}

/** The numbers of `rows` under `keys`, for an axis to cover. */
export function valuesOf(rows: object[], keys: string[]): number[] {
  return rows.flatMap((r) =>
    keys.map((k) => (r as Record<string, unknown>)[k]).filter((v): v is number => typeof v === "number"),
  );
}
