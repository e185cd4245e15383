import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ActionButton } from "@/components/ui/action-button";
import { VerdictBadge } from "@/components/ui/verdict-badge";
import { SeriesChart } from "@/components/charts/series-chart";
import {
  getSeries,
  SERIES_CAMPAIGNS,
  SERIES_METRICS,
  seriesCompareQuery,
  seriesHistory,
  type SeriesData,
} from "@/lib/db/series";
import { parseId } from "@/lib/schemas/ids";
import { POINTS_PER_CAMPAIGN, seriesMetricChart, type SeriesMetricChart } from "@/lib/stats/series";
import { overallVerdict } from "@/lib/model/vocabulary";
import { METRICS } from "@/lib/schemas/compare";
import { CHART_UNITS } from "@/lib/format/chart-units";
import { hasRole } from "@/lib/auth/roles";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";
import { clearBaselineAction } from "../../actions";

type Props = { params: Promise<{ linkId: string; profileId: string }> };

async function load(params: Props["params"]) {
  const { linkId, profileId } = await params;
  const l = parseId(linkId);
  const p = parseId(profileId);
  return l && p ? getSeries({ linkId: l, profileId: p }) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const series = await load(params);
  return { title: series ? `${series.profile.name} · ${series.link.name}` : "Series not found" };
}

export default async function SeriesPage({ params }: Props) {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  const series = await load(params);
  if (!series) notFound();
  const { link, profile, baseline } = series;
  const history = seriesHistory(series);
  const charts = SERIES_METRICS.map((metric) => ({ metric, chart: seriesMetricChart(history, metric) })).filter(
    // The guest's pause exists only where an adapter read its heartbeat: no empty card elsewhere.
    ({ metric, chart }) => metric !== "guestPauseMs" || chart.points.length > 0,
  );
  const time = charts[0].chart;
  return (
    <>
      <PageHeader
        title={`${profile.name} · ${link.name}`}
        breadcrumb={{ href: "/series", label: "Series", prefetch: false }}
        description={
          <>
            Testbed{" "}
            <Link href={`/testbeds/${link.testbed.id}`} prefetch={false} className="text-sky-700 underline">
              {link.testbed.name}
            </Link>{" "}
            · {profile.workload} workload · a change counts from {link.testbed.minEffectPct}% (set on the testbed page)
          </>
        }
      />
      <BaselineSummary series={series} canOperate={canOperate} />
      {series.campaigns.length === 0 ? (
        <EmptyState title="No succeeded runs in this series yet">
          Launch a campaign with this VM profile over this link; its runs appear here.
        </EmptyState>
      ) : (
        <>
          <div className="mb-6 grid gap-6 lg:grid-cols-2">
            {charts.map(({ metric, chart }) => (
              <Card key={metric} title={METRICS[metric].label} description={chartDescription(chart)}>
                {chart.points.length ? (
                  <SeriesChart label={`${METRICS[metric].label} over time`} unit={METRICS[metric].unit} chart={chart} />
                ) : (
                  <p className="text-sm text-slate-500">
                    No run of this series reports {METRICS[metric].label.toLowerCase()}.
                  </p>
                )}
              </Card>
            ))}
          </div>
          <Card
            title="Campaigns"
            description={
              series.totalCampaigns > SERIES_CAMPAIGNS
                ? `The newest ${SERIES_CAMPAIGNS} of ${series.totalCampaigns} campaigns, newest first.`
                : "Newest first."
            }
          >
            <DataTable
              label="Campaigns of this series"
              density="card"
              rows={[...time.means].reverse()}
              rowKey={(m) => m.campaignId}
              columns={[
                {
                  header: "Campaign",
                  cell: (m) => (
                    <Link href={`/campaigns/${m.campaignId}`} prefetch={false} className="text-sky-700 hover:underline">
                      {m.name}
                    </Link>
                  ),
                },
                { header: "Finished", cell: (m) => <DateTime value={new Date(m.t)} /> },
                { header: "Runs", numeric: true, cell: (m) => m.n },
                {
                  header: "Mean time (95% interval)",
                  numeric: true,
                  cell: (m) =>
                    `${CHART_UNITS.durationMs.tooltip(m.mean)}${m.ciLow !== null && m.ciHigh !== null ? ` (${CHART_UNITS.durationMs.tooltip(m.ciLow)} – ${CHART_UNITS.durationMs.tooltip(m.ciHigh)})` : ""}`,
                },
                {
                  header: "Verdict",
                  cell: (m) => {
                    const c = series.campaigns.find((x) => x.id === m.campaignId);
                    if (baseline?.campaign?.id === m.campaignId)
                      return <span className="text-xs text-slate-500">the baseline</span>;
                    return c?.verdict ? (
                      <VerdictBadge
                        verdict={overall(series, m.campaignId)}
                        href={`/campaigns/${m.campaignId}#baseline`}
                      />
                    ) : (
                      <span className="text-xs text-slate-500">—</span>
                    );
                  },
                },
                {
                  header: <span className="sr-only">Compare</span>,
                  cell: (m) =>
                    baseline && baseline.campaign?.id !== m.campaignId ? (
                      <Link
                        prefetch={false}
                        className="text-sky-700 hover:underline"
                        href={`/compare?${seriesCompareQuery(m.campaignId, { linkId: link.id, profileId: profile.id }, baseline.runIds, "durationMs")}`}
                      >
                        Compare with baseline
                      </Link>
                    ) : null,
                },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}

function chartDescription(chart: SeriesMetricChart) {
  const runs = chart.means.reduce((n, m) => n + m.n, 0);
  const campaigns = chart.means.length;
  const sampled = chart.points.length < runs ? ` (at most ${POINTS_PER_CAMPAIGN} drawn per campaign)` : "";
  return `${runs} run${runs === 1 ? "" : "s"}${sampled} in ${campaigns} campaign${campaigns === 1 ? "" : "s"}; the band is the baseline mean's 95% interval.`;
}

/** A campaign's verdict on this series: its worst metric's. */
function overall(series: SeriesData, campaignId: number) {
  return overallVerdict(series.verdicts.filter((v) => v.campaignId === campaignId).map((v) => v.verdict));
}

function BaselineSummary({ series, canOperate }: { series: SeriesData; canOperate: boolean }) {
  const { baseline, link, profile } = series;
  return (
    <Card
      title="Baseline"
      className="mb-6"
      actions={
        baseline && canOperate ? (
          <ActionButton
            action={clearBaselineAction.bind(null, link.id, profile.id)}
            label="Remove baseline"
            pendingLabel="Removing…"
            confirmText="Remove this series' baseline? Campaigns that finish afterwards get no verdict on it."
          />
        ) : undefined
      }
    >
      {baseline ? (
        <p className="text-sm text-slate-700">
          {baseline.runs.length} run{baseline.runs.length === 1 ? "" : "s"} from{" "}
          {baseline.campaign ? (
            <>
              campaign{" "}
              <Link href={`/campaigns/${baseline.campaign.id}`} prefetch={false} className="text-sky-700 underline">
                {baseline.campaign.name}
              </Link>
            </>
          ) : baseline.comparison ? (
            <>
              the baseline side of{" "}
              <Link href={`/c/${baseline.comparison.slug}`} prefetch={false} className="text-sky-700 underline">
                {baseline.comparison.title}
              </Link>
            </>
          ) : (
            "a campaign since deleted"
          )}
          , marked{canOperate ? ` by ${baseline.setBy}` : ""} on <DateTime value={baseline.createdAt} />. Every campaign
          that finishes on this series is compared with it.
        </p>
      ) : (
        <p className="text-sm text-slate-600">
          No baseline yet, so campaigns get no verdict on this series.{" "}
          {canOperate
            ? "Open a finished campaign below and mark it as the baseline (or use a saved comparison's baseline side)."
            : "An operator marks a finished campaign as its baseline."}
        </p>
      )}
    </Card>
  );
}
