"use client";

import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_UNITS, type ChartUnit } from "@/lib/format/chart-units";
import { unitYAxisProps } from "./unit-axis";

export type CompareBarChartProps = {
  data: Record<string, unknown>[];
  unit: ChartUnit;
  baselineName: string;
  candidateName: string;
};

/** Baseline vs candidate means per group, with 95% confidence intervals as error bars. */
export function CompareBarChart({ data, unit, baselineName, candidateName }: CompareBarChartProps) {
  const u = CHART_UNITS[unit];
  return (
    <figure aria-label="Baseline vs candidate" className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} height={40} />
          <YAxis {...unitYAxisProps(unit)} />
          <Tooltip
            formatter={(v: unknown) => (typeof v === "number" ? u.tooltip(v) : String(v))}
            cursor={{ fill: "#f1f5f9" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="baseline"
            name={`Baseline: ${baselineName}`}
            fill="#64748b"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          >
            <ErrorBar dataKey="baselineError" width={6} strokeWidth={1.5} stroke="#0f172a" />
          </Bar>
          <Bar
            dataKey="candidate"
            name={`Candidate: ${candidateName}`}
            fill="#0284c7"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          >
            <ErrorBar dataKey="candidateError" width={6} strokeWidth={1.5} stroke="#0f172a" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
