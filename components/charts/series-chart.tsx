"use client";

import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_UNITS, type ChartUnit } from "@/lib/format/chart-units";
import type { SeriesMetricChart } from "@/lib/stats/series";
import { ChartData } from "./chart-data";
import { GRID_STROKE, LINE_CHART_MARGIN, markerLabel, titledXAxisProps, unitYAxisProps } from "./unit-axis";

export type SeriesChartProps = {
  /** The chart's accessible name, e.g. "Migration time over time". */
  label: string;
  unit: ChartUnit;
  chart: SeriesMetricChart;
};

const VERDICT_COLORS: Record<string, string> = {
  regression: "#dc2626",
  improvement: "#059669",
  "needs-more-runs": "#d97706",
  "no-change": "#0284c7",
};

/** A campaign's tick: its day, or its time of day when the whole series fits in two days. */
const timeText = (short: boolean) => (t: number) =>
  short
    ? new Date(t).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" })
    : new Date(t).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const dateTime = (t: number) =>
  new Date(t).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

type MeanDotProps = { cx?: number; cy?: number; payload?: { verdict: string | null; campaignId: number } };

/** A campaign's mean: a triangle pointing up (regression) or down (improvement), else a circle. */
function MeanDot({ cx, cy, payload }: MeanDotProps) {
  if (cx === undefined || cy === undefined || !payload) return <g />;
  const color = payload.verdict ? VERDICT_COLORS[payload.verdict] : "#0f172a";
  if (payload.verdict === "regression" || payload.verdict === "improvement") {
    const up = payload.verdict === "regression" ? -1 : 1;
    return (
      <path
        d={`M${cx},${cy + 7 * up} L${cx - 6},${cy - 5 * up} L${cx + 6},${cy - 5 * up} Z`}
        fill={color}
        stroke="#fff"
        strokeWidth={1}
        data-verdict={payload.verdict}
      />
    );
  }
  return (
    <circle cx={cx} cy={cy} r={4} fill={color} stroke="#fff" strokeWidth={1} data-verdict={payload.verdict ?? ""} />
  );
}

type TooltipPayload = {
  payload?: {
    mean?: number;
    value?: number;
    name?: string;
    n?: number;
    runId?: number;
    t: number;
    sentence?: string | null;
  };
};

/**
 * One metric of a series over time: a grey point per run, each campaign's mean as a line with its
 * verdict marked (▲ regression, ▼ improvement), and the baseline's mean with its 95% interval as a band.
 * Campaigns sit one step apart in the order they ended (lib/stats/series.ts), labelled by when. Each
 * campaign's numbers are in a table under it.
 */
export function SeriesChart({ label, unit, chart }: SeriesChartProps) {
  const u = CHART_UNITS[unit];
  const times = chart.means.map((m) => m.t);
  const short = Math.max(...times) - Math.min(...times) < 2 * 86_400_000;
  const tickText = timeText(short);
  // At most ~8 labelled campaigns, evenly spread; every campaign keeps its point.
  const step = Math.max(1, Math.ceil(chart.means.length / 8));
  const ticks = chart.means.filter((_, i) => i % step === 0).map((m) => m.x);
  const band = chart.baseline;
  const interval = (m: { ciLow: number | null; ciHigh: number | null }) =>
    m.ciLow !== null && m.ciHigh !== null ? `[${u.tooltip(m.ciLow)}, ${u.tooltip(m.ciHigh)}]` : "—";
  return (
    <div>
      <figure aria-label={label} className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart margin={LINE_CHART_MARGIN}>
            <CartesianGrid {...GRID_STROKE} />
            <XAxis
              {...titledXAxisProps("Campaigns, oldest → newest (finished, UTC)")}
              dataKey="x"
              domain={[-0.5, chart.means.length - 0.5]}
              ticks={ticks}
              tickFormatter={(x: number) => {
                const m = chart.means[Math.round(x)];
                return m ? tickText(m.t) : "";
              }}
            />
            <YAxis
              {...unitYAxisProps(unit, [
                ...chart.points.map((p) => p.value),
                ...chart.means.map((m) => m.ciHigh ?? m.mean),
                band?.ciHigh ?? band?.mean ?? 0,
              ])}
            />
            {band && band.ciLow !== null && band.ciHigh !== null ? (
              <ReferenceArea
                y1={Math.max(0, band.ciLow)}
                y2={band.ciHigh}
                fill="#64748b"
                fillOpacity={0.15}
                ifOverflow="extendDomain"
              />
            ) : null}
            {band ? (
              <ReferenceLine
                y={band.mean}
                stroke="#475569"
                strokeDasharray="6 3"
                ifOverflow="extendDomain"
                label={markerLabel("baseline", "insideTopLeft")}
              />
            ) : null}
            <Tooltip
              content={({ active, payload }) => {
                const p = (payload as unknown as TooltipPayload[] | undefined)?.[0]?.payload;
                if (!active || !p) return null;
                return (
                  <div className="max-w-xs rounded border border-slate-200 bg-white px-3 py-2 text-xs shadow">
                    {p.mean !== undefined ? (
                      <>
                        <p className="font-medium">{p.name}</p>
                        <p>
                          mean {u.tooltip(p.mean)} over {p.n} run(s) · {dateTime(p.t)}
                        </p>
                        {p.sentence ? <p className="mt-1">{p.sentence}</p> : null}
                      </>
                    ) : (
                      <p>
                        run #{p.runId}: {u.tooltip(p.value ?? 0)} · {dateTime(p.t)}
                      </p>
                    )}
                  </div>
                );
              }}
            />
            <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
            <Scatter
              name="Runs"
              data={chart.points}
              dataKey="value"
              fill="#94a3b8"
              fillOpacity={0.7}
              isAnimationActive={false}
            />
            <Line
              name="Campaign means"
              data={chart.means}
              dataKey="mean"
              stroke="#0f172a"
              strokeWidth={1.5}
              dot={(props) => {
                const { key, ...rest } = props as unknown as MeanDotProps & { key?: string };
                return <MeanDot key={key} {...rest} />;
              }}
              activeDot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <ChartData
        label={label}
        columns={["Campaign", "Finished", "Mean", "95% interval", "Runs", "Verdict"]}
        rows={[
          ...(band ? [["Baseline", "—", u.tooltip(band.mean), interval(band), String(band.n), "—"]] : []),
          ...chart.means.map((m) => [
            m.name,
            dateTime(m.t),
            u.tooltip(m.mean),
            interval(m),
            String(m.n),
            m.verdict?.replaceAll("-", " ") ?? "—",
          ]),
        ]}
      />
    </div>
  );
}
