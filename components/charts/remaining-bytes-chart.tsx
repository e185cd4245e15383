"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_UNITS, LINK_COLORS } from "@/lib/format/chart-units";
import { niceAxis } from "@/lib/format/axis";
import { ChartData } from "./chart-data";
import { GRID_STROKE, LINE_CHART_MARGIN, titledXAxisProps, unitYAxisProps } from "./unit-axis";

export type RemainingBytesSeries = {
  name: string;
  points: { tMs: number; remainingBytes: number }[];
  /** By default a colour per series in turn. */
  color?: string;
  /** A dashed line (the candidate side of a comparison). */
  dashed?: boolean;
};

export type RemainingBytesChartProps = { series: RemainingBytesSeries[] };

const { durationMs: TIME, bytes: BYTES } = CHART_UNITS;

/**
 * Remaining bytes over time for one or more runs: the shape of pre-copy convergence. The samples are in
 * a table under it (a row per sample; the run first when there are several).
 */
export function RemainingBytesChart({ series }: RemainingBytesChartProps) {
  const points = series.flatMap((s) => s.points);
  const time = niceAxis(
    "durationMs",
    points.map((p) => p.tMs),
  );
  const yAxis = unitYAxisProps(
    "bytes",
    points.map((p) => p.remainingBytes),
  );
  const several = series.length > 1;
  return (
    <div>
      <figure aria-label="Remaining bytes over time" className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={LINE_CHART_MARGIN}>
            <CartesianGrid {...GRID_STROKE} />
            <XAxis
              {...titledXAxisProps("Time since start (s)")}
              dataKey="tMs"
              domain={time.domain}
              ticks={time.ticks}
              interval={0}
              tickFormatter={time.format}
            />
            <YAxis {...yAxis} dataKey="remainingBytes" label={{ ...yAxis.label, value: "Remaining (GB)" }} />
            <Tooltip
              formatter={(v: unknown) => BYTES.tooltip(Number(v))}
              labelFormatter={(v: unknown) => `t = ${(Number(v) / 1000).toFixed(2)} s`}
            />
            {series.length > 1 ? (
              <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
            ) : null}
            {series.map((s, i) => (
              <Line
                key={s.name}
                data={s.points}
                dataKey="remainingBytes"
                name={s.name}
                stroke={s.color ?? LINK_COLORS[(i + 1) % LINK_COLORS.length]}
                strokeDasharray={s.dashed ? "6 4" : undefined}
                dot={false}
                strokeWidth={2}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <ChartData
        label="Remaining bytes over time"
        columns={[...(several ? ["Run"] : []), "Time since start", "Remaining"]}
        rows={series.flatMap((s) =>
          s.points.map((p) => [...(several ? [s.name] : []), TIME.tooltip(p.tMs), BYTES.tooltip(p.remainingBytes)]),
        )}
      />
    </div>
  );
}
