"use client";

import { BarChart, CartesianGrid, ResponsiveContainer, XAxis } from "recharts";

/**
 * The frame of migbench's bar charts: a labelled figure that fills its card's width, horizontal grid
 * lines, and one category per row of `data` (its `label`) along the bottom, every label shown. The
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
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} height={40} />
          {children}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** How bars are drawn in every bar chart: rounded tops, no entry animation (charts are read, not watched). */
export const BAR_STYLE = { radius: [3, 3, 0, 0] as [number, number, number, number], isAnimationActive: false };
