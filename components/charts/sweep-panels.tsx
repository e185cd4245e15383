"use client";

import { CHART_UNITS } from "@/lib/format/chart-units";
import { shortNames } from "@/lib/format/short-names";
import { SWEEP_METRICS, type SweepCurves, type SweepMetric } from "@/lib/stats/sweep";
import { ChartData } from "./chart-data";
import { SeriesLegend, useHiddenSeries, type LegendItem } from "./series-legend";
import { styleSeries, SweepChart, sweepDomains, type StyledSeries } from "./sweep-chart";

/**
 * A sweep's charts as small multiples: a panel per VM profile (when the campaign has several) for each
 * metric, every panel of a metric on one y axis; one legend of short names above them all, whose buttons
 * hide and show a link (or link and variant) everywhere; each panel's numbers in a table under it.
 */
export function SweepPanels({ curves, metrics }: { curves: SweepCurves; metrics: SweepMetric[] }) {
  const { hidden, toggle } = useHiddenSeries();
  const styled = styleSeries(curves);
  const short = shortNames(styled.map((s) => s.linkName));
  const legend: LegendItem[] = [
    ...new Map(
      styled.map((s) => [
        s.legendKey,
        {
          key: s.legendKey,
          name: [short.get(s.linkName) ?? s.linkName, s.variantLabel].filter(Boolean).join(" · "),
          fullName: [s.linkName, s.variantLabel].filter(Boolean).join(" · "),
          color: s.color,
          dash: s.dash,
        },
      ]),
    ).values(),
  ];
  const shown = styled.filter((s) => !hidden.has(s.legendKey));
  const profiles = [...new Map(styled.map((s) => [s.profileId, s.profileName])).entries()];
  const panels = profiles.length > 1 ? profiles : [[null, null] as const];
  const axis = curves.axisLabel.charAt(0).toLowerCase() + curves.axisLabel.slice(1);
  const several = panels.length > 1;
  return (
    <div>
      <SeriesLegend items={legend} hidden={hidden} onToggle={toggle} label="Series in the sweep charts" />
      <div className={several ? "space-y-6" : "grid gap-6 lg:grid-cols-3"}>
        {metrics.map((metric) => {
          const { title } = SWEEP_METRICS[metric];
          const domains = sweepDomains(shown.length ? shown : styled, metric);
          return (
            <section key={metric} aria-label={`${title} against ${axis}`}>
              {several ? <h3 className="mb-2 text-sm font-medium text-slate-800">{title}</h3> : null}
              <div className={several ? "grid gap-4 md:grid-cols-2 xl:grid-cols-3" : ""}>
                {panels.map(([profileId, profileName]) => {
                  const inPanel = shown.filter((s) => profileId === null || s.profileId === profileId);
                  const label = `${title} against ${curves.axisLabel}${profileName ? ` — ${profileName}` : ""}`;
                  return (
                    <div key={profileId ?? "all"} className="min-w-0">
                      {profileName ? <p className="text-xs font-medium text-slate-600">{profileName}</p> : null}
                      <SweepChart
                        series={inPanel}
                        metric={metric}
                        axisLabel={curves.axisLabel}
                        label={label}
                        domains={domains}
                      />
                      <ChartData
                        label={label}
                        columns={["Series", curves.axisLabel, "Mean", "95% interval", "n", "Model"]}
                        rows={dataRows(inPanel, metric)}
                      />
                    </div>
                  );
                })}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}

function dataRows(series: StyledSeries[], metric: SweepMetric): string[][] {
  const u = CHART_UNITS[SWEEP_METRICS[metric].unit];
  return series.flatMap((s) =>
    s.points[metric].map((p) => [
      s.label,
      String(+p.x.toPrecision(4)),
      u.tooltip(p.mean),
      p.ciLow !== null && p.ciHigh !== null ? `${u.tooltip(Math.max(0, p.ciLow))} – ${u.tooltip(p.ciHigh)}` : "—",
      String(p.n),
      p.model !== null ? u.tooltip(p.model) : "—",
    ]),
  );
}
