"use client";

import { Bar, Legend, ReferenceLine, Tooltip, YAxis } from "recharts";
import { BAR_STYLE, CategoryBarFrame } from "./category-bar-frame";
import { CHART_UNITS, type ChartUnit } from "@/lib/format/chart-units";
import { unitYAxisProps, valuesOf } from "./unit-axis";

export type LinkBarChartProps = {
  title: string;
  data: Record<string, string | number>[];
  series: { key: string; name: string; color: string }[];
  unit: ChartUnit;
  /** A horizontal line across the bars, e.g. the downtime limit the runs migrated under. */
  referenceLine?: { y: number; label: string };
};

type TooltipProps = {
  active?: boolean;
  label?: string;
  payload?: { name?: string; value?: number; color?: string }[];
  unit: ChartUnit;
};

function ChartTooltip({ active, label, payload, unit }: TooltipProps) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow">
      <p className="mb-1 font-medium text-slate-800">{label}</p>
      {payload.map((p) => (
        <p key={p.name} className="num flex items-center gap-2">
          <span className="inline-block h-2 w-2 rounded-sm" style={{ background: p.color }} />
          <span className="text-slate-600">{p.name}:</span>
          <span className="font-medium">{typeof p.value === "number" ? CHART_UNITS[unit].tooltip(p.value) : "—"}</span>
        </p>
      ))}
    </div>
  );
}

/** Grouped bars: one group per matrix row, one bar per link. */
export function LinkBarChart({ title, data, series, unit, referenceLine }: LinkBarChartProps) {
  return (
    <CategoryBarFrame label={title} data={data}>
      <YAxis
        {...unitYAxisProps(unit, [
          ...valuesOf(
            data,
            series.map((s) => s.key),
          ),
          ...(referenceLine ? [referenceLine.y] : []),
        ])}
      />
      {referenceLine ? (
        <ReferenceLine
          y={referenceLine.y}
          stroke="#dc2626"
          strokeDasharray="4 3"
          label={{ value: referenceLine.label, position: "insideTopRight", style: { fontSize: 11, fill: "#b91c1c" } }}
        />
      ) : null}
      <Tooltip content={<ChartTooltip unit={unit} />} cursor={{ fill: "#f1f5f9" }} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} {...BAR_STYLE} />
      ))}
    </CategoryBarFrame>
  );
}
