"use client";

import { useState } from "react";
import { BarChart, CartesianGrid, ResponsiveContainer, Text, XAxis, YAxis } from "recharts";
import type { ChartUnit } from "@/lib/format/chart-units";
import { unitXAxisProps, unitYAxisProps } from "./unit-axis";

type TickProps = {
  x?: number;
  y?: number;
  width?: number;
  visibleTicksCount?: number;
  payload?: { value: string };
};

/**
 * A category's label, wrapped at spaces to the width of its own slot so neighbours never overlap
 * (phones fit "1 × 16 GiB · once" in about 60 px), at most three lines.
 */
function WrappedTick({ x = 0, y = 0, width = 0, visibleTicksCount = 1, payload }: TickProps) {
  const slot = Math.max(40, width / Math.max(1, visibleTicksCount) - 6);
  return (
    <Text
      x={x}
      y={y + 4}
      width={slot}
      maxLines={3}
      textAnchor="middle"
      verticalAnchor="start"
      fontSize={11}
      style={{ fill: "var(--color-slate-600)" }}
    >
      {payload?.value ?? ""}
    </Text>
  );
}

/** More categories than this and the bars lie down: one row per category, its label whole at the left. */
export const MAX_UPRIGHT_CATEGORIES = 6;

/** A category's label on the left of lying bars, wrapped into the axis's width, right-aligned. */
function SideTick({
  x = 0,
  y = 0,
  payload,
  axisWidth = 130,
  lines = 4,
}: TickProps & { axisWidth?: number; lines?: number }) {
  return (
    <Text
      x={x - 4}
      y={y}
      width={axisWidth - 8}
      maxLines={lines}
      textAnchor="end"
      verticalAnchor="middle"
      fontSize={11}
      style={{ fill: "var(--color-slate-600)" }}
    >
      {payload?.value ?? ""}
    </Text>
  );
}
/** The labels' share of a figure `width` px wide: 38%, from 100 to 180 px. */
const sideAxisWidth = (width: number) => Math.round(Math.min(180, Math.max(100, width * 0.38)));

/**
 * The frame of migbench's bar charts: a labelled figure that fills its card's width, grid lines, one
 * category per row of `data` (its `label`) with every label shown (wrapped), and the value axis in
 * `unit` over `values`. Up to six categories stand upright along the bottom in a 320 px figure; more lie
 * down, a row each (the figure grows with them), so labels are never cut and the plot never shrinks.
 * `children(horizontal)` draws the bars, tooltip and reference lines for that layout.
 */
export function CategoryBarFrame({
  label,
  data,
  unit,
  values,
  seriesCount = 1,
  topMargin = 8,
  children,
}: {
  label: string;
  data: object[];
  unit: ChartUnit;
  /** What the value axis must reach (means, whisker tops, reference lines). */
  values: number[];
  /** Bars per category (lying bars need room for each). */
  seriesCount?: number;
  /** Room above the tallest bar (for labels on the bars). */
  topMargin?: number;
  children: (horizontal: boolean) => React.ReactNode;
}) {
  const horizontal = data.length > MAX_UPRIGHT_CATEGORIES;
  const [width, setWidth] = useState(0);
  const axisWidth = sideAxisWidth(width);
  // A narrow axis (phones) wraps labels onto five lines, a wider one onto four.
  const lines = axisWidth < 140 ? 5 : 4;
  // Lying bars: a row per category with room for its bars and its lines of label.
  const height = horizontal ? 72 + data.length * Math.max(lines * 11 + 4, seriesCount * 12 + 10) : 320;
  return (
    <figure aria-label={label} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" onResize={(w) => setWidth(w)}>
        {horizontal ? (
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 40, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
            <YAxis
              type="category"
              dataKey="label"
              tick={<SideTick axisWidth={axisWidth} lines={lines} />}
              interval={0}
              width={axisWidth}
            />
            <XAxis {...unitXAxisProps(unit, values)} />
            {children(true)}
          </BarChart>
        ) : (
          <BarChart data={data} margin={{ top: topMargin, right: 16, bottom: 8, left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={<WrappedTick />} interval={0} height={48} />
            <YAxis {...unitYAxisProps(unit, values)} />
            {children(false)}
          </BarChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}

/** How bars are drawn in every bar chart: rounded ends, no entry animation (charts are read, not watched). */
export const BAR_STYLE = { radius: [3, 3, 0, 0] as [number, number, number, number], isAnimationActive: false };
/** Rounded ends of lying bars. */
export const barStyle = (horizontal: boolean) =>
  horizontal ? { ...BAR_STYLE, radius: [0, 3, 3, 0] as [number, number, number, number] } : BAR_STYLE;
