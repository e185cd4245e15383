"use client";

import { BarChart, CartesianGrid, ResponsiveContainer, Text, XAxis } from "recharts";

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

/**
 * The frame of migbench's bar charts: a labelled figure that fills its card's width, horizontal grid
 * lines, and one category per row of `data` (its `label`) along the bottom, every label shown (wrapped). The
 * axis, tooltip and bars of the chart are its children.
 */
export function CategoryBarFrame({
  label,
  data,
  topMargin = 8,
  children,
}: {
  label: string;
  data: object[];
  /** Room above the tallest bar (for labels on the bars). */
  topMargin?: number;
  children: React.ReactNode;
}) {
  return (
    <figure aria-label={label} className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: topMargin, right: 16, bottom: 8, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={<WrappedTick />} interval={0} height={48} />
          {children}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** How bars are drawn in every bar chart: rounded tops, no entry animation (charts are read, not watched). */
export const BAR_STYLE = { radius: [3, 3, 0, 0] as [number, number, number, number], isAnimationActive: false };
