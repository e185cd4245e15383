/**
 * Value axes with nice ticks: the domain is widened to round numbers of the unit the axis shows (GB, s,
 * Gb/s), the ticks are evenly spaced 1/2/5 × 10ⁿ steps (d3-scale's `nice` and `ticks`), and every label
 * carries as many decimals as the step needs — so no two ticks read the same ("0.1 GB" twice) and none
 * falls below zero for quantities that cannot.
 */
import { scaleLinear } from "d3-scale";
import { format, precisionFixed } from "d3-format";
import { CHART_UNITS, type ChartUnit } from "./chart-units";

export type NiceAxis = {
  /** In the data's own unit (bytes, ms, Gb/s). */
  domain: [number, number];
  ticks: number[];
  /** Tick text in the axis's display unit ("2.5 GB"). */
  format: (value: number) => string;
};

/**
 * The axis for `values` (data units; non-finite ones ignored) in `unit`: from zero (all of migbench's
 * quantities are non-negative) to a nice bound at or above the largest value, about `count` ticks.
 */
export function niceAxis(unit: ChartUnit, values: number[], count = 5): NiceAxis {
  const { perDisplayUnit, suffix } = CHART_UNITS[unit];
  const finite = values.filter(Number.isFinite).map((v) => v / perDisplayUnit);
  const max = Math.max(0, ...finite);
  const scale = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice(count);
  const ticks = scale.ticks(count);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  const text = format(`.${precisionFixed(step)}f`);
  const [lo, hi] = scale.domain();
  return {
    domain: [lo * perDisplayUnit, hi * perDisplayUnit],
    ticks: ticks.map((t) => t * perDisplayUnit),
    format: (v) => `${text(v / perDisplayUnit)}${suffix}`,
  };
}
