"use client";

import { Bar, ErrorBar, Legend, Tooltip } from "recharts";
import { barStyle, CategoryBarFrame } from "./category-bar-frame";
import { CHART_UNITS, type ChartUnit } from "@/lib/format/chart-units";
import { ChartData } from "./chart-data";

/** The top of each bar's whisker (mean + high error), or the mean. */
const whiskerTops = (data: Record<string, unknown>[]) =>
  data.flatMap((row) =>
    (["baseline", "candidate"] as const).flatMap((side) => {
      const mean = row[side];
      const err = row[`${side}Error`] as [number, number] | undefined;
      return typeof mean === "number" ? [mean + (err?.[1] ?? 0)] : [];
    }),
  );

export type CompareBarChartProps = {
  data: Record<string, unknown>[];
  unit: ChartUnit;
  baselineName: string;
  candidateName: string;
};

/** Baseline vs candidate means per group, with 95% confidence intervals as error bars; the numbers in a table under it. */
export function CompareBarChart({ data, unit, baselineName, candidateName }: CompareBarChartProps) {
  const u = CHART_UNITS[unit];
  // "4.01 s (95% interval 3.90 s – 4.12 s)": a side's mean and what its whisker spans.
  const meanText = (row: Record<string, unknown>, side: "baseline" | "candidate") => {
    const mean = row[side];
    if (typeof mean !== "number") return "no runs";
    const [low, high] = (row[`${side}Error`] as [number, number] | undefined) ?? [0, 0];
    return low || high
      ? `${u.tooltip(mean)} (95% interval ${u.tooltip(mean - low)} – ${u.tooltip(mean + high)})`
      : u.tooltip(mean);
  };
  return (
    <div>
      <CategoryBarFrame
        label="Baseline vs candidate"
        data={data}
        unit={unit}
        values={whiskerTops(data)}
        seriesCount={2}
      >
        {(horizontal) => (
          <>
            <Tooltip
              formatter={(v: unknown) => (typeof v === "number" ? u.tooltip(v) : String(v))}
              cursor={{ fill: "#f1f5f9" }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {[
              { side: "baseline", name: `Baseline: ${baselineName}`, fill: "#64748b" },
              { side: "candidate", name: `Candidate: ${candidateName}`, fill: "#0284c7" },
            ].map(({ side, name, fill }) => (
              <Bar key={side} dataKey={side} name={name} fill={fill} {...barStyle(horizontal)}>
                <ErrorBar
                  dataKey={`${side}Error`}
                  width={6}
                  strokeWidth={1.5}
                  stroke="#0f172a"
                  direction={horizontal ? "x" : "y"}
                />
              </Bar>
            ))}
          </>
        )}
      </CategoryBarFrame>
      <ChartData
        label="Baseline vs candidate"
        columns={["", `Baseline: ${baselineName}`, `Candidate: ${candidateName}`]}
        rows={data.map((row) => [String(row.label), meanText(row, "baseline"), meanText(row, "candidate")])}
      />
    </div>
  );
}
