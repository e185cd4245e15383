"use client";

import { Bar, LabelList, ReferenceLine, Tooltip } from "recharts";
import { barStyle, CategoryBarFrame } from "./category-bar-frame";
import { formatRatio } from "@/lib/format/units";
import { ChartData } from "./chart-data";

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

/** Speed-up factor of the fastest link over the slowest, per matrix row; the numbers in a table under it. */
export function SpeedupChart({ data }: SpeedupChartProps) {
  return (
    <div>
      <CategoryBarFrame
        label="Speed-up of the faster link"
        data={data}
        unit="ratio"
        values={[1, ...data.map((d) => d.factor)]}
        topMargin={20}
      >
        {(horizontal) => (
          <>
            <ReferenceLine {...(horizontal ? { x: 1 } : { y: 1 })} stroke="#94a3b8" strokeDasharray="4 4" />
            <Tooltip content={<SpeedupTooltip />} cursor={{ fill: "#f1f5f9" }} />
            <Bar dataKey="factor" name="Speed-up" fill="#0284c7" {...barStyle(horizontal)}>
              <LabelList
                dataKey="factor"
                position={horizontal ? "right" : "top"}
                formatter={(v: unknown) => formatRatio(Number(v))}
                style={{ fontSize: 11, fill: "var(--color-slate-900)" }}
              />
            </Bar>
          </>
        )}
      </CategoryBarFrame>
      <ChartData
        label="Speed-up of the faster link"
        columns={["", "Speed-up", "Faster link", "Slower link"]}
        rows={data.map((d) => [d.label, formatRatio(d.factor), d.faster, d.slower])}
      />
    </div>
  );
}
