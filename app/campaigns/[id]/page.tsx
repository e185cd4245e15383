import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCampaign } from "@/lib/db/campaigns";
import { listRunningSamples } from "@/lib/db/runs";
import { predictRun } from "@/lib/model/predict";
import { parseId } from "@/lib/db/ids";
import { buildResultMatrix } from "@/lib/stats/matrix";
import { formatBytes, formatDateTime, formatDurationMs, formatGbps } from "@/lib/format/units";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { RunProgressBar } from "@/components/ui/run-progress-bar";
import { ResultMatrixTable, cellKey, type CellPrediction } from "./_components/result-matrix-table";
import { LiveRefresh } from "@/components/ui/live-refresh";
import { ActionButton } from "@/components/ui/action-button";
import { RemainingBytesChart } from "@/components/charts/remaining-bytes-chart";
import { cancelCampaignAction, cancelRunAction, rerunRunAction } from "./actions";
import { CampaignCharts } from "./_components/campaign-charts";
import { hasRole } from "@/lib/auth/roles";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const id = parseId((await params).id);
  const campaign = id ? await getCampaign({ id }) : null;
  return { title: campaign?.name ?? "Campaign not found" };
}

export default async function CampaignPage({ params }: Props) {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  const id = parseId((await params).id);
  const campaign = id ? await getCampaign({ id }) : null;
  if (!campaign) notFound();
  const matrix = buildResultMatrix(campaign.runs);
  const hasResults = campaign.counts.succeeded > 0;
  const active = campaign.counts.queued + campaign.counts.running > 0;
  const running = campaign.counts.running > 0 ? await listRunningSamples({ campaignId: campaign.id }) : [];

  const predictions: Record<string, CellPrediction> = {};
  for (const run of campaign.runs) {
    const key = cellKey(run.profile.id, run.link.id);
    if (predictions[key]) continue;
    const p = predictRun(run.link, run.profile, campaign.testbed.linkScale);
    predictions[key] = { durationMs: p.durationMs, transferredBytes: p.transferredBytes, converges: p.converges };
  }

  return (
    <>
      <PageHeader
        title={campaign.name}
        breadcrumb={<Link href="/campaigns" className="hover:underline">Campaigns</Link>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={campaign.status} />
            <span>
              Testbed <Link href={`/testbeds/${campaign.testbed.id}`} className="text-sky-700 hover:underline">{campaign.testbed.name}</Link>
            </span>
            <span>· created {formatDateTime(campaign.createdAt)}</span>
            <LiveRefresh active={active} />
          </span>
        }
        actions={
          active && canOperate ? (
            <ActionButton
              action={cancelCampaignAction.bind(null, campaign.id)}
              label="Cancel campaign"
              pendingLabel="Cancelling…"
              confirmText="Cancel every queued and running run of this campaign?"
              variant="danger"
            />
          ) : undefined
        }
      />
      {campaign.source ? (
        <p className="mb-4 max-w-4xl rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-900">
          <span className="font-medium">Source:</span> {campaign.source}
        </p>
      ) : null}
      {campaign.notes ? <p className="mb-6 max-w-4xl text-sm text-slate-600">{campaign.notes}</p> : null}
      {campaign.testbed.linkScale !== 1 ? (
        <p role="note" className="mb-4 max-w-4xl rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span className="font-medium">Scaled links:</span> this testbed emulates each link at ×{campaign.testbed.linkScale} of its usable
          rate, so these are not line-rate figures — e.g. a 10GbE link ran at {formatGbps(10 * campaign.testbed.linkScale)}.
        </p>
      ) : null}

      <Card title="Progress" className="mb-6">
        <RunProgressBar counts={campaign.counts} />
      </Card>

      {running.length ? (
        <Card title="Running now" description="Remaining bytes of the runs in progress, updating live." className="mb-6">
          <RemainingBytesChart
            series={running.map((r) => ({ name: `#${r.id} ${r.profile.name} · ${r.link.name}`, points: r.samples }))}
          />
        </Card>
      ) : null}

      {hasResults ? (
        <>
          <Card title="Results" description="VM profile × workload rows, link columns." className="mb-6">
            <ResultMatrixTable matrix={matrix} predictions={predictions} linkScale={campaign.testbed.linkScale} />
          </Card>
          <div className="mb-6">
            <CampaignCharts matrix={matrix} />
          </div>
        </>
      ) : (
        <div className="mb-6">
          <EmptyState title="No results yet">Results, tables and charts appear here as runs succeed.</EmptyState>
        </div>
      )}

      <Card
        title="Runs"
        description={`${campaign.runs.length} run${campaign.runs.length === 1 ? "" : "s"}`}
        actions={
          <span className="flex gap-3 text-sm">
            <a className="text-sky-700 hover:underline" href={`/api/campaigns/${campaign.id}/export?format=csv`}>Export CSV</a>
            <a className="text-sky-700 hover:underline" href={`/api/campaigns/${campaign.id}/export?format=json`}>Export JSON</a>
            <Link className="text-sky-700 hover:underline" href={`/compare?b=campaign:${campaign.id}&c=campaign:${campaign.id}&metric=durationMs&group=profile`}>Compare…</Link>
          </span>
        }
      >
        <div className="overflow-x-auto">
          <table aria-label="Runs" className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2">Run</th>
                <th className="px-3 py-2">Link</th>
                <th className="px-3 py-2">VM profile</th>
                <th className="px-3 py-2 text-right">Iteration</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Adapter</th>
                <th className="px-3 py-2 text-right">Time</th>
                <th className="px-3 py-2 text-right">Throughput</th>
                <th className="px-3 py-2 text-right">Data</th>
                <th className="px-3 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {campaign.runs.map((run) => (
                <tr key={run.id} className="hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <Link href={`/runs/${run.id}`} className="text-sky-700 hover:underline">#{run.id}</Link>
                  </td>
                  <td className="px-3 py-2">{run.link.name}</td>
                  <td className="px-3 py-2">{run.profile.name}</td>
                  <td className="num px-3 py-2 text-right">{run.iteration}</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={run.status} />
                    {run.errorReason ? <span className="ml-2 text-xs text-red-700">{run.errorReason}</span> : null}
                  </td>
                  <td className="px-3 py-2">{run.adapter}</td>
                  <td className="num px-3 py-2 text-right">{formatDurationMs(run.durationMs)}</td>
                  <td className="num px-3 py-2 text-right">{formatGbps(run.throughputGbps)}</td>
                  <td className="num px-3 py-2 text-right">{formatBytes(run.transferredBytes)}</td>
                  <td className="px-3 py-2">
                    {!canOperate ? null : run.status === "queued" || run.status === "running" ? (
                      <ActionButton action={cancelRunAction.bind(null, campaign.id, run.id)} label="Cancel" pendingLabel="Cancelling…" />
                    ) : ["failed", "cancelled", "interrupted"].includes(run.status) && run.adapter !== "imported" ? (
                      <ActionButton action={rerunRunAction.bind(null, campaign.id, run.id)} label="Re-run" pendingLabel="Queueing…" />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
