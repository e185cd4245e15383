"use client";

import { Bar, ErrorBar, ReferenceLine, Tooltip } from "recharts";
import { barStyle, CategoryBarFrame } from "./category-bar-frame";
import { CHART_UNITS, type ChartUnit } from "@/lib/format/chart-units";
import { shortNames } from "@/lib/format/short-names";
import { ChartData } from "./chart-data";
import { SeriesLegend, useHiddenSeries } from "./series-legend";

export type LinkBarChartProps = {
  title: string;
  /** A row per category: its `label`, and per series `key` its mean, `keyHalf` half its 95% interval, `keyN` its n. */
  data: Record<string, string | number>[];
  series: { key: string; name: string; color: string }[];
  unit: ChartUnit;
  /** A horizontal line across the bars, e.g. the downtime limit the runs migrated under. */
  referenceLine?: { y: number; label: string };
};

type TooltipProps = {
  active?: boolean;
  label?: string;
  payload?: { name?: string; value?: number; color?: string; dataKey?: string; payload?: Record<string, number> }[];
  unit: ChartUnit;
};

/** "4.01 s ± 0.12 s (n = 3)": a mean with its interval and count, as the tooltip and data table say it. */
function meanText(row: Record<string, string | number>, key: string, unit: ChartUnit): string {
  const u = CHART_UNITS[unit];
  const value = row[key];
  if (typeof value !== "number") return "—";
  const half = row[`${key}Half`];
  return `${u.tooltip(value)}${typeof half === "number" ? ` ± ${u.tooltip(half)}` : ""} (n = ${row[`${key}N`] ?? "?"})`;
}

function ChartTooltip({ active, label, payload, unit }: TooltipProps) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow">
      <p className="mb-1 font-medium text-slate-800">{label}</p>
      {payload.map((p) => (
        <p key={p.name} className="num flex items-center gap-2">
          <span className="inline-block h-2 w-2 rounded-sm" style={{ background: p.color }} />
          <span className="text-slate-600">{p.name}:</span>
          <span className="font-medium">{p.payload && p.dataKey ? meanText(p.payload, p.dataKey, unit) : "—"}</span>
        </p>
      ))}
    </div>
  );
}

/**
 * Grouped bars: one group per matrix row, one bar per link, each with its 95% interval as a whisker. The
 * legend (short names; the full ones in the tooltip) sits above the plot and hides or shows a link; the
 * numbers are in a table under it.
 */
export function LinkBarChart({ title, data, series, unit, referenceLine }: LinkBarChartProps) {
  const { hidden, toggle } = useHiddenSeries();
  const short = shortNames(series.map((s) => s.name));
  const shown = series.filter((s) => !hidden.has(s.key));
  const reach = data.flatMap((row) =>
    shown.flatMap((s) => {
      const v = row[s.key];
      const h = row[`${s.key}Half`];
      return typeof v === "number" ? [v + (typeof h === "number" ? h : 0)] : [];
    }),
  );
  return (
    <div>
      <SeriesLegend
        items={series.map((s) => ({ key: s.key, name: short.get(s.name) ?? s.name, fullName: s.name, color: s.color }))}
        hidden={hidden}
        onToggle={toggle}
        label={`Links in ${title}`}
      />
      <CategoryBarFrame
        label={title}
        data={data}
        unit={unit}
        values={[...reach, ...(referenceLine ? [referenceLine.y] : [])]}
        seriesCount={shown.length}
      >
        {(horizontal) => (
          <>
            {referenceLine ? (
              <ReferenceLine
                {...(horizontal ? { x: referenceLine.y } : { y: referenceLine.y })}
                stroke="#dc2626"
                strokeDasharray="4 3"
                label={{
                  value: referenceLine.label,
                  position: horizontal ? "insideTopLeft" : "insideTopRight",
                  style: { fontSize: 11, fill: "#b91c1c" },
                }}
              />
            ) : null}
            <Tooltip content={<ChartTooltip unit={unit} />} cursor={{ fill: "#f1f5f9" }} />
            {shown.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} {...barStyle(horizontal)}>
                <ErrorBar
                  dataKey={(row: Record<string, number>) => row[`${s.key}Half`] ?? 0}
                  width={4}
                  strokeWidth={1.5}
                  stroke="var(--color-slate-800)"
                  direction={horizontal ? "x" : "y"}
                />
              </Bar>
            ))}
          </>
        )}
      </CategoryBarFrame>
      <ChartData
        label={title}
        columns={["", ...series.map((s) => s.name)]}
        rows={data.map((row) => [String(row.label), ...series.map((s) => meanText(row, s.key, unit))])}
      />
    </div>
  );
}
