"use client";

import { Bar, LabelList, ReferenceLine, Tooltip, YAxis } from "recharts";
import { BAR_STYLE, CategoryBarFrame } from "./category-bar-frame";
import { formatRatio } from "@/lib/format/units";
import { unitYAxisProps } from "./unit-axis";

export type SpeedupChartProps = {
  data: { label: string; factor: number; faster: string; slower: string }[];
};

function SpeedupTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: { payload: SpeedupChartProps["data"][number] }[];
}) {
  if (!active || !payload?.length) return null;
  const d = payload[0].payload;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow">
      <p className="font-medium text-slate-800">{d.label}</p>
      <p className="num">
        {d.faster} is {formatRatio(d.factor)} faster than {d.slower}
      </p>
    </div>
  );
}

/** Speed-up factor of the fastest link over the slowest, per matrix row. */
export function SpeedupChart({ data }: SpeedupChartProps) {
  return (
    <CategoryBarFrame label="Speed-up of the faster link" data={data} topMargin={20}>
      <YAxis {...unitYAxisProps("ratio", [1, ...data.map((d) => d.factor)])} />
      <ReferenceLine y={1} stroke="#94a3b8" strokeDasharray="4 4" />
      <Tooltip content={<SpeedupTooltip />} cursor={{ fill: "#f1f5f9" }} />
      <Bar dataKey="factor" name="Speed-up" fill="#0284c7" {...BAR_STYLE}>
        <LabelList
          dataKey="factor"
          position="top"
          formatter={(v: unknown) => formatRatio(Number(v))}
          style={{ fontSize: 11, fill: "var(--color-slate-900)" }}
        />
      </Bar>
    </CategoryBarFrame>
  );
}
