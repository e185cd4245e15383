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
    tick: AXIS_TICK,
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

/** Props of a horizontal value axis (under lying bars): the same ticks as unitYAxisProps, titled below. */
export function unitXAxisProps(unit: ChartUnit, values: number[]) {
  const { width: _w, label, ...rest } = unitYAxisProps(unit, values);
  return {
    ...rest,
    type: "number" as const,
    height: 40,
    label: { value: label.value, position: "insideBottom" as const, offset: -4, style: AXIS_TICK },
  };
}

/** What every line chart shares: its margins, grid and the look of tick labels. */
export const LINE_CHART_MARGIN = { top: 8, right: 16, bottom: 24, left: 24 };
export const GRID_STROKE = { strokeDasharray: "3 3", stroke: "#e2e8f0" };
export const AXIS_TICK = { fontSize: 11, fill: "var(--color-slate-600)" };

/** Props of a number x axis titled `title` under the plot. */
export function titledXAxisProps(title: string) {
  return {
    type: "number" as const,
    tick: AXIS_TICK,
    label: { value: title, position: "insideBottom" as const, offset: -8, style: AXIS_TICK },
  };
}

/** A vertical or horizontal marker's label: `text` in `color` at `position` inside the plot. */
export function markerLabel(
  text: string,
  position: "insideTopRight" | "insideTopLeft" | "insideBottomRight",
  color = "var(--color-slate-600)",
) {
  return { value: text, position, style: { fontSize: 11, fill: color } };
}
