"use client";

import { DEFAULT_MODEL_PARAMS, formatHorizon } from "@/lib/model/precopy";
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_UNITS, LINK_COLORS } from "@/lib/format/chart-units";
import { SWEEP_METRICS, type SweepCurves, type SweepMetric, type SweepSeries } from "@/lib/stats/sweep";
import { GRID_STROKE, LINE_CHART_MARGIN, markerLabel, titledXAxisProps, unitYAxisProps } from "./unit-axis";

/** Dash patterns for series that share a link colour (several profiles or variants). */
const DASHES = ["", "6 3", "2 3", "8 3 2 3"];
/** Markers for measured points that share a link colour. */
const SHAPES = ["circle", "diamond", "square", "triangle"] as const;

type PointPayload = { x: number; mean?: number; ciLow?: number | null; ciHigh?: number | null; n?: number };

/** A series as drawn: its colour, dash and marker, and its measured points with their error bars. */
export type StyledSeries = SweepSeries & {
  legendKey: string;
  color: string;
  dash: string;
  shape: (typeof SHAPES)[number];
};

/**
 * The look of each series: one link, a colour per series (variants, profiles); several links, a colour per
 * link and within it a dash and a marker per variant. Series of the same link and variant in different
 * panels (profiles) look alike and share a legend entry.
 */
export function styleSeries(curves: SweepCurves): StyledSeries[] {
  const linkIds = [...new Set(curves.series.map((s) => s.linkId))];
  const legendKeys = [...new Set(curves.series.map((s) => `${s.linkId}|${s.variantLabel}`))];
  return curves.series.map((s) => {
    const legendKey = `${s.linkId}|${s.variantLabel}`;
    const sameLink = legendKeys.filter((k) => k.startsWith(`${s.linkId}|`));
    const colorIndex = linkIds.length === 1 ? legendKeys.indexOf(legendKey) : linkIds.indexOf(s.linkId);
    const within = linkIds.length === 1 ? 0 : sameLink.indexOf(legendKey);
    return {
      ...s,
      legendKey,
      color: LINK_COLORS[(colorIndex + 1) % LINK_COLORS.length],
      dash: DASHES[within % DASHES.length],
      shape: SHAPES[within % SHAPES.length],
    };
  });
}

/** What a metric's panels share: one y axis over every shown series, one x range. */
export function sweepDomains(series: StyledSeries[], metric: SweepMetric) {
  const modelled = metric === "guestPauseMs" ? null : metric;
  const values = series.flatMap((s) => [
    ...s.points[metric].map((p) => p.ciHigh ?? p.mean),
    ...(modelled ? s.model.map((m) => m[modelled]).filter((v): v is number => v !== null) : []),
  ]);
  const xs = series.flatMap((s) => s.model.map((m) => m.x));
  return { values, x: [Math.min(...xs), Math.max(...xs)] as [number, number] };
}

/**
 * One metric against the swept variable for some series (a panel): each series' measured means (dots,
 * with their 95% interval), the model's curve through the range (line; absent where pre-copy does not
 * converge), and λ = 1 marked. The legend is outside (SweepPanels), so the plot keeps its height.
 */
export function SweepChart({
  series,
  metric,
  axisLabel,
  label,
  domains,
}: {
  series: StyledSeries[];
  metric: SweepMetric;
  axisLabel: string;
  label: string;
  domains: ReturnType<typeof sweepDomains>;
}) {
  const { unit } = SWEEP_METRICS[metric];
  // The guest's pause is measured only: no model line for it.
  const modelled = metric === "guestPauseMs" ? null : metric;
  const u = CHART_UNITS[unit];
  const drawn = series.map((s) => ({
    ...s,
    data: s.points[metric].map((p) => ({
      ...p,
      error: p.ciLow !== null && p.ciHigh !== null ? [p.mean - Math.max(0, p.ciLow), p.ciHigh - p.mean] : [0, 0],
    })),
  }));
  const boundaries = [...new Set(series.map((s) => s.boundaryX).filter((x): x is number => x !== null))];
  const givesUp = [...new Set(series.map((s) => s.givesUpX).filter((x): x is number => x !== null))];
  return (
    <figure aria-label={label} className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart margin={LINE_CHART_MARGIN}>
          <CartesianGrid {...GRID_STROKE} />
          <XAxis
            {...titledXAxisProps(axisLabel)}
            dataKey="x"
            domain={domains.x}
            allowDuplicatedCategory={false}
            tickFormatter={(x: number) => String(+x.toPrecision(3))}
          />
          <YAxis {...unitYAxisProps(unit, domains.values)} />
          {verticalMarkers(boundaries, "λ = 1", "insideTopRight", { line: "#dc2626", text: "#dc2626", dash: "4 3" })}
          {verticalMarkers(
            givesUp,
            `not within ${formatHorizon(DEFAULT_MODEL_PARAMS.horizonMs)}`,
            "insideBottomRight",
            { line: "#d97706", text: "#b45309", dash: "2 3" },
          )}
          <Tooltip
            content={({ active, payload }) => {
              const p = (payload as unknown as { payload?: PointPayload; name?: string }[] | undefined)?.[0];
              if (!active || !p?.payload || p.payload.mean === undefined) return null;
              const d = p.payload;
              return (
                <div className="rounded border border-slate-200 bg-white px-3 py-2 text-xs shadow">
                  <p className="font-medium">{p.name}</p>
                  <p>
                    at {+d.x.toPrecision(4)}: mean {u.tooltip(d.mean!)} over {d.n} run(s)
                    {d.ciLow != null && d.ciHigh != null
                      ? `, 95% interval ${u.tooltip(Math.max(0, d.ciLow))} – ${u.tooltip(d.ciHigh)}`
                      : ""}
                  </p>
                </div>
              );
            }}
          />
          {drawn.map((s) =>
            modelled ? (
              <Line
                key={`model-${s.key}`}
                name={`${s.label} (model)`}
                data={s.model}
                dataKey={modelled}
                stroke={s.color}
                strokeWidth={1.5}
                strokeDasharray={s.dash || "5 4"}
                strokeOpacity={0.7}
                dot={false}
                activeDot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ) : null,
          )}
          {drawn.map((s) => (
            <Scatter
              key={`runs-${s.key}`}
              name={s.label}
              data={s.data}
              dataKey="mean"
              fill={s.color}
              shape={s.shape}
              isAnimationActive={false}
            >
              <ErrorBar dataKey="error" width={5} strokeWidth={1.5} stroke={s.color} direction="y" />
            </Scatter>
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Dashed vertical lines at `xs`, each labelled `text` (elements, not a component: Recharts reads its children). */
function verticalMarkers(
  xs: number[],
  text: string,
  position: "insideTopRight" | "insideBottomRight",
  look: { line: string; text: string; dash: string },
) {
  return xs.map((x) => (
    <ReferenceLine
      key={`${text}-${x}`}
      x={x}
      stroke={look.line}
      strokeDasharray={look.dash}
      ifOverflow="extendDomain"
      label={markerLabel(text, position, look.text)}
    />
  ));
}
