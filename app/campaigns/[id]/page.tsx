import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import Link from "next/link";
import { z } from "zod";
import { getCampaign, getCampaignMatrixCells, getSweepRuns, listCampaignRuns } from "@/lib/db/campaigns";
import { sweepCurves } from "@/lib/stats/sweep";
import { SweepCard } from "./_components/sweep-card";
import { SettingsSummary } from "./_components/settings-summary";
import { listRunningSamples } from "@/lib/db/runs";
import { predictRun } from "@/lib/model/predict";
import {
  applySweep,
  DEFAULT_SETTINGS,
  formatSweepValue,
  labelOfSettingsKey,
  settingsKey,
  sweepFromJson,
  variantsFromJson,
  withTestbedDowntimeLimit,
} from "@/lib/model/migration-settings";
import { buildResultMatrixFromCells } from "@/lib/stats/matrix";
import { campaignRunsQuerySchema, campaignRunsQueryString, type CampaignRunsQuery } from "@/lib/schemas/campaign";
import { formatBytes, formatDurationMs, formatGbps } from "@/lib/format/units";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { VerdictBadge } from "@/components/ui/verdict-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ResultMatrixTable, cellKey, type CellPrediction } from "./_components/result-matrix-table";
import { ActionButton } from "@/components/ui/action-button";
import { CampaignLive } from "./_components/campaign-live";
import { cancelCampaignAction, pinCampaignAction } from "./actions";
import { RunActions } from "@/components/campaigns/run-actions";
import { cancelRunAction, rerunRunAction } from "@/app/runs/actions";
import { NoWorkerNotice } from "@/components/campaigns/no-worker-notice";
import { CampaignCharts } from "./_components/campaign-charts";
import { hasRole } from "@/lib/auth/roles";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";
import { DataTable } from "@/components/ui/data-table";
import { loadFromParams, findFromParams } from "@/lib/http/route-params";
import { Pager } from "@/components/ui/pager";
import { DownloadLinks } from "@/components/ui/download-links";
import { countSeriesWithBaselineCampaign } from "@/lib/db/series";
import { getCampaignVerdicts } from "@/lib/db/verdicts";
import { BaselineCard } from "./_components/baseline-card";
import { CompareCard } from "./_components/compare-card";
import { campaignComparisons } from "@/lib/stats/campaign-comparisons";
import { ScheduleForm } from "@/components/schedules/schedule-form";
import { ButtonLink } from "@/components/ui/button-link";
import { RunsFilter } from "./_components/runs-filter";
import { scheduleCampaignAction } from "@/app/schedules/actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const campaign = await findFromParams(params, getCampaign);
  return { title: campaign?.name ?? "Campaign not found" };
}

const RUNS_PER_PAGE = 100;
type RunRow = Awaited<ReturnType<typeof listCampaignRuns>>["items"][number];

export default async function CampaignPage({ params, searchParams }: Props) {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  const campaign = await loadFromParams(params, getCampaign);
  // The runs table's filters, order and position (the URL is the view); a bad address shows every run.
  const parsedRuns = campaignRunsQuerySchema.safeParse(await searchParams);
  const runsQuery: Partial<CampaignRunsQuery> = parsedRuns.success ? parsedRuns.data : {};
  const after = runsQuery.after;
  // The matrix and charts cover every run (aggregated by the database); the runs table is paged.
  const sweep = sweepFromJson(campaign.sweepJson);
  const [{ cells, links, profiles }, runs, running, verdicts, baselineOf, sweepRuns] = await Promise.all([
    getCampaignMatrixCells({ campaignId: campaign.id }),
    listCampaignRuns({
      campaignId: campaign.id,
      after,
      status: runsQuery.status,
      linkId: runsQuery.link,
      profileId: runsQuery.profile,
      sort: runsQuery.sort,
      take: RUNS_PER_PAGE,
    }),
    campaign.counts.running > 0 ? listRunningSamples({ campaignId: campaign.id }) : [],
    getCampaignVerdicts({ campaignId: campaign.id }),
    countSeriesWithBaselineCampaign({ campaignId: campaign.id }),
    sweep ? getSweepRuns({ campaignId: campaign.id }) : [],
  ]);
  const variants = variantsFromJson(campaign.variantsJson);
  // Played by the model as the runs ran: a variant without its own downtime limit had the testbed's.
  const variantByKey = new Map(
    variants.map((v) => [settingsKey(v), withTestbedDowntimeLimit(v, campaign.testbed.downtimeLimitMs)]),
  );
  const matrix = buildResultMatrixFromCells(cells, links, profiles, sweep?.variable ?? null);
  const hasResults = campaign.counts.succeeded > 0;
  const active = campaign.counts.queued + campaign.counts.running > 0;
  const linkById = new Map(links.map((l) => [l.id, l]));
  const profileById = new Map(profiles.map((p) => [p.id, p]));

  const predictions: Record<string, CellPrediction> = {};
  for (const cell of cells) {
    const at = applySweep(
      profileById.get(cell.profileId)!,
      variantByKey.get(cell.settingsKey ?? "") ??
        withTestbedDowntimeLimit(DEFAULT_SETTINGS, campaign.testbed.downtimeLimitMs),
      sweep?.variable ?? null,
      cell.sweepValue ?? null,
    );
    const p = predictRun(linkById.get(cell.linkId)!, at.profile, campaign.testbed.linkScale, at.settings);
    predictions[cellKey(cell, cell.linkId)] = {
      durationMs: p.durationMs,
      transferredBytes: p.transferredBytes,
      downtimeMs: p.downtimeMs,
      converges: p.converges,
    };
  }

  const curves =
    sweep && sweepRuns.length
      ? sweepCurves({
          sweep,
          runs: sweepRuns,
          links,
          profiles,
          variants: variantByKey,
          linkScale: campaign.testbed.linkScale,
        })
      : null;
  const namedVariants = variants.length > 1 || settingsKey(variants[0]) !== "";
  const runsView = campaignRunsQueryString({ ...runsQuery, after: undefined });
  const runsHref = (from?: number | null) => {
    const q = campaignRunsQueryString(runsQuery, from);
    return `/campaigns/${campaign.id}${q ? `?${q}` : ""}#runs`;
  };

  return (
    <>
      <PageHeader
        title={campaign.name}
        breadcrumb={{ href: "/campaigns", label: "Campaigns", prefetch: false }}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={campaign.status} />
            <VerdictBadge verdict={campaign.verdict} href="#baseline" title="Against the baselines of its series" />
            <span>
              Testbed{" "}
              <Link href={`/testbeds/${campaign.testbed.id}`} prefetch={false} className="text-sky-700 hover:underline">
                {campaign.testbed.name}
              </Link>
            </span>
            <span>
              · created <DateTime value={campaign.createdAt} />
            </span>
            {campaign.pinned ? <span className="text-slate-500">· pinned to the overview</span> : null}
          </span>
        }
        actions={
          canOperate ? (
            <>
              {campaign.status !== "imported" ? (
                // Opens the launch form filled in from this campaign; nothing is written until it is sent.
                <ButtonLink href={`/campaigns/new?from=${campaign.id}`} variant="secondary">
                  Launch again
                </ButtonLink>
              ) : null}
              <ActionButton
                action={pinCampaignAction.bind(null, campaign.id, !campaign.pinned)}
                label={campaign.pinned ? "Unpin from overview" : "Pin to overview"}
                pendingLabel={campaign.pinned ? "Unpinning…" : "Pinning…"}
              />
              {active ? (
                <ActionButton
                  action={cancelCampaignAction.bind(null, campaign.id)}
                  label="Cancel campaign"
                  pendingLabel="Cancelling…"
                  confirmText="Cancel every queued and running run of this campaign?"
                  variant="danger"
                />
              ) : null}
            </>
          ) : undefined
        }
      />
      {campaign.counts.queued > 0 ? (
        <NoWorkerNotice testbed={campaign.testbed} what={`its ${campaign.counts.queued} queued run(s)`} />
      ) : null}
      {campaign.source ? (
        <p className="mb-4 max-w-4xl rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-900">
          <span className="font-medium">Source:</span> {campaign.source}
        </p>
      ) : null}
      {campaign.notes ? <p className="mb-6 max-w-4xl text-sm text-slate-600">{campaign.notes}</p> : null}
      {campaign.testbed.linkScale !== 1 ? (
        <p
          role="note"
          className="mb-4 max-w-4xl rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <span className="font-medium">Scaled links:</span> this testbed emulates each link at ×
          {campaign.testbed.linkScale} of its usable rate, so these are not line-rate figures — e.g. a 10GbE link ran at{" "}
          {formatGbps(10 * campaign.testbed.linkScale)}.
        </p>
      ) : null}

      <SettingsSummary variants={variants} sweep={sweep} hypervisor={campaign.testbed.hypervisor} />

      <CampaignLive
        campaignId={campaign.id}
        counts={campaign.counts}
        running={running.map((r) => ({ name: `#${r.id} ${r.profile.name} · ${r.link.name}`, points: r.samples }))}
      />

      {hasResults ? (
        <>
          <Card title="Results" description="VM profile × workload rows, link columns." className="mb-6">
            <ResultMatrixTable matrix={matrix} predictions={predictions} linkScale={campaign.testbed.linkScale} />
          </Card>
          <CompareCard
            campaignId={campaign.id}
            offers={campaignComparisons({
              campaignId: campaign.id,
              links: matrix.links.filter((l) => matrix.rows.some((r) => (r.cells[l.id]?.n ?? 0) > 0)),
              variantLabels: variants.map((v) => labelOfSettingsKey(settingsKey(v))),
              series: verdicts.flatMap((v) => {
                const time = v.metrics.find((m) => m.metric === "durationMs") ?? v.metrics[0];
                return time
                  ? [{ linkName: v.linkName, profileName: v.profileName, compareQuery: time.compareQuery }]
                  : [];
              }),
            })}
          />
          {curves ? (
            <SweepCard
              curves={curves}
              overLimit={matrix.rows.flatMap((row) =>
                matrix.links.flatMap((l) => {
                  const cell = row.cells[l.id];
                  return cell?.overLimit
                    ? [{ label: `${row.label} over ${l.name}`, runs: cell.overLimit, of: cell.n }]
                    : [];
                }),
              )}
            />
          ) : null}
          <div className="mb-6">
            <CampaignCharts matrix={matrix} downtimeLimitMs={campaign.downtimeLimitMs} />
          </div>
        </>
      ) : (
        <div className="mb-6">
          <EmptyState title="No results yet">Results, tables and charts appear here as runs succeed.</EmptyState>
        </div>
      )}

      <BaselineCard campaign={campaign} verdicts={verdicts} baselineOf={baselineOf} canOperate={canOperate} />

      {canOperate && campaign.status !== "imported" ? (
        <Card
          title="Run on a schedule"
          description="Launch this campaign's testbed, links, VM profiles and iterations again at set times; each run is compared with its series' baselines."
          className="mb-6"
          actions={
            <Link href="/schedules" prefetch={false} className="text-sm text-sky-700 hover:underline">
              All schedules
            </Link>
          }
        >
          <ScheduleForm
            action={scheduleCampaignAction.bind(null, campaign.id)}
            initial={{ name: `${campaign.name} (scheduled)` }}
            label="Run on a schedule"
            submitLabel="Schedule"
            pendingLabel="Scheduling…"
          />
        </Card>
      ) : null}

      <Card
        id="runs"
        title="Runs"
        description={`${runs.matching !== null ? `${runs.matching} of ` : ""}${campaign.counts.total} run${campaign.counts.total === 1 ? "" : "s"}${runs.matching !== null ? " match" : ""}${(runs.matching ?? campaign.counts.total) > RUNS_PER_PAGE ? ` · ${RUNS_PER_PAGE} per page` : ""}`}
        actions={
          <span className="flex gap-3 text-sm">
            <DownloadLinks href={`/api/campaigns/${campaign.id}/export`} />
            {hasResults ? (
              <a className="text-sky-700 hover:underline" href="#compare">
                Compare…
              </a>
            ) : (
              <Link
                prefetch={false}
                className="text-sky-700 hover:underline"
                href={`/compare?c=campaign:${campaign.id}&metric=durationMs&group=profile`}
              >
                Compare…
              </Link>
            )}
          </span>
        }
      >
        {!parsedRuns.success ? (
          <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            This address asks for runs in a way the table does not know:{" "}
            {Object.values(z.flattenError(parsedRuns.error).fieldErrors).flat().join("; ")}. Showing every run.
          </p>
        ) : null}
        <RunsFilter
          campaignId={campaign.id}
          query={runsQuery}
          links={links.map((l) => ({ id: l.id, name: l.name }))}
          profiles={profiles.map((p) => ({ id: p.id, name: p.name }))}
        />
        {runs.items.length === 0 && runsView ? (
          <p className="mb-3 text-sm text-slate-600" role="status">
            No runs match these filters{after ? " further on" : ""}.
          </p>
        ) : null}
        <DataTable
          label="Runs"
          density="card"
          rows={runs.items}
          columns={[
            {
              header: "Run",
              cell: (run) => (
                <Link href={`/runs/${run.id}`} prefetch={false} className="text-sky-700 hover:underline">
                  #{run.id}
                </Link>
              ),
            },
            { header: "Link", cell: (run) => linkById.get(run.linkId)?.name },
            { header: "VM profile", cell: (run) => profileById.get(run.profileId)?.name },
            ...(namedVariants
              ? [{ header: "Settings", cell: (run: RunRow) => labelOfSettingsKey(run.settingsKey) }]
              : []),
            ...(sweep
              ? [
                  {
                    header: "Swept",
                    numeric: true,
                    cell: (run: RunRow) =>
                      run.sweepValue === null ? "—" : formatSweepValue(sweep.variable, run.sweepValue),
                  },
                ]
              : []),
            { header: "Iteration", numeric: true, cell: (run) => run.iteration },
            {
              header: "Status",
              cell: (run) => (
                <>
                  <StatusBadge status={run.status} />
                  {run.wireVerdict === "off-link" ? (
                    <span className="ml-2 text-xs font-medium text-red-700">did not use its link</span>
                  ) : null}
                  {run.errorReason ? <span className="ml-2 text-xs text-red-700">{run.errorReason}</span> : null}
                </>
              ),
            },
            { header: "Adapter", cell: (run) => run.adapter },
            { header: "Time", numeric: true, cell: (run) => formatDurationMs(run.durationMs) },
            { header: "Throughput", numeric: true, cell: (run) => formatGbps(run.throughputGbps) },
            { header: "Data", numeric: true, cell: (run) => formatBytes(run.transferredBytes) },
            {
              header: <span className="sr-only">Actions</span>,
              cell: (run) => (
                <RunActions
                  run={run}
                  canOperate={canOperate}
                  cancel={cancelRunAction.bind(null, campaign.id, run.id)}
                  rerun={rerunRunAction.bind(null, campaign.id, run.id)}
                />
              ),
            },
          ]}
        />
        <Pager
          label="Pages of runs"
          first={after ? { href: runsHref(null), text: "First runs" } : undefined}
          next={runs.next ? { href: runsHref(runs.next), text: `Next ${RUNS_PER_PAGE} runs` } : undefined}
        />
      </Card>
    </>
  );
}
