"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
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
    <figure aria-label="Speed-up of the faster link" className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 20, right: 16, bottom: 8, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} height={40} />
          <YAxis {...unitYAxisProps("ratio")} domain={[0, (max: number) => Math.ceil(max + 0.5)]} />
          <ReferenceLine y={1} stroke="#94a3b8" strokeDasharray="4 4" />
          <Tooltip content={<SpeedupTooltip />} cursor={{ fill: "#f1f5f9" }} />
          <Bar dataKey="factor" name="Speed-up" fill="#0284c7" radius={[3, 3, 0, 0]} isAnimationActive={false}>
            <LabelList
              dataKey="factor"
              position="top"
              formatter={(v: unknown) => formatRatio(Number(v))}
              style={{ fontSize: 11, fill: "#0f172a" }}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
