"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { barStyle, CategoryBarFrame } from "./category-bar-frame";
import { ChartData } from "./chart-data";
import { AXIS_TICK, GRID_STROKE, unitXAxisProps } from "./unit-axis";
import { formatBytes, formatDurationMs } from "@/lib/format/units";

/**
 * Migration time against link speed (line rate): a bar per standard speed, the asked one marked; a speed at
 * which pre-copy does not converge has no bar and says so in the table.
 */
export function SpeedChart({
  bySpeed,
  askedGbps,
}: {
  bySpeed: { lineRateGbps: number; durationMs: number | null; transferredBytes: number | null }[];
  askedGbps: number;
}) {
  const data = bySpeed.map((s) => ({
    label: `${s.lineRateGbps} Gb/s`,
    time: s.durationMs,
    asked: s.lineRateGbps === askedGbps,
  }));
  const values = bySpeed.flatMap((s) => (s.durationMs === null ? [] : [s.durationMs]));
  return (
    <div>
      <CategoryBarFrame label="Migration time by link speed" data={data} unit="durationMs" values={values}>
        {(horizontal) => (
          <>
            <Tooltip
              formatter={(v) => (typeof v === "number" ? formatDurationMs(v) : "does not converge")}
              labelFormatter={(l) => `${l} line rate`}
            />
            <Bar dataKey="time" name="Migration time" {...barStyle(horizontal)}>
              {data.map((d) => (
                <Cell key={d.label} fill={d.asked ? "#0369a1" : "#7dd3fc"} />
              ))}
            </Bar>
          </>
        )}
      </CategoryBarFrame>
      <ChartData
        label="Migration time by link speed"
        columns={["Line rate", "Migration time", "Data sent"]}
        rows={bySpeed.map((s) => [
          `${s.lineRateGbps} Gb/s`,
          s.durationMs === null ? "does not converge" : formatDurationMs(s.durationMs),
          s.transferredBytes === null ? "—" : formatBytes(s.transferredBytes),
        ])}
      />
    </div>
  );
}

/** How many VMs an evacuation's chart draws, and its data table lists. */
const MAX_DRAWN_VMS = 40;
const MAX_LISTED_VMS = 200;

/**
 * An evacuation's timeline: a row per VM, its bar from when its migration starts to when it ends (waves of
 * VMs that share the link line up), in seconds from the first start.
 */
export function EvacuationTimeline({
  timeline,
}: {
  timeline: { vm: number; wave: number; startMs: number; endMs: number; downtimeMs: number }[];
}) {
  // A long evacuation repeats its waves: the chart draws the first VMs (the table lists more), the rest follow suit.
  const drawn = timeline.slice(0, MAX_DRAWN_VMS);
  const data = drawn.map((v) => ({
    label: `VM ${v.vm}`,
    start: v.startMs,
    span: v.endMs - v.startMs,
    wave: v.wave,
  }));
  const height = 60 + data.length * 22;
  const end = Math.max(0, ...timeline.map((v) => v.endMs));
  return (
    <div>
      <figure aria-label="Evacuation timeline" className="w-full" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 8, right: 24, bottom: 24, left: 8 }}
            barCategoryGap={3}
          >
            <CartesianGrid {...GRID_STROKE} horizontal={false} />
            <YAxis type="category" dataKey="label" width={56} tick={AXIS_TICK} interval={0} />
            <XAxis
              {...unitXAxisProps("durationMs", [Math.max(0, ...drawn.map((v) => v.endMs))])}
              label={{
                value: "Since the first migration started (s)",
                position: "insideBottom",
                offset: -4,
                style: AXIS_TICK,
              }}
            />
            <Tooltip
              formatter={(v, name, item) =>
                name === "Migrating"
                  ? [
                      `${formatDurationMs(item.payload.start)} → ${formatDurationMs(item.payload.start + item.payload.span)} (wave ${item.payload.wave})`,
                      name,
                    ]
                  : null
              }
            />
            <Bar
              dataKey="start"
              stackId="t"
              fill="transparent"
              isAnimationActive={false}
              legendType="none"
              name="Waiting"
            />
            <Bar dataKey="span" stackId="t" name="Migrating" isAnimationActive={false} radius={[0, 3, 3, 0]}>
              {data.map((d) => (
                <Cell key={d.label} fill={d.wave % 2 ? "#0369a1" : "#0ea5e9"} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </figure>
      {timeline.length > drawn.length ? (
        <p className="mt-1 text-xs text-slate-500">
          The first {drawn.length} of {timeline.length} VMs; the rest leave in the same waves, until{" "}
          {formatDurationMs(end)}.
        </p>
      ) : null}
      <ChartData
        label="Evacuation timeline"
        columns={["VM", "Wave", "Starts", "Ends", "Downtime"]}
        rows={timeline
          .slice(0, MAX_LISTED_VMS)
          .map((v) => [
            `VM ${v.vm}`,
            String(v.wave),
            formatDurationMs(v.startMs),
            formatDurationMs(v.endMs),
            formatDurationMs(v.downtimeMs),
          ])}
      />
    </div>
  );
}
