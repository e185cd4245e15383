import type { Metadata } from "next";
import Link from "next/link";
import { getRun } from "@/lib/db/runs";
import { parseId } from "@/lib/db/ids";
import { usableRateGbps } from "@/lib/model/rates";
import {
  formatBytes,
  formatCount,
  formatDateTime,
  formatDurationMs,
  formatGbps,
  formatGigabits,
  formatMemory,
  formatRateBytesPerSec,
} from "@/lib/format/units";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { RemainingBytesChart } from "@/components/charts/remaining-bytes-chart";
import { LiveRefresh } from "@/components/ui/live-refresh";
import { RunActions } from "@/app/campaigns/[id]/_components/run-actions";
import { NoWorkerNotice } from "@/components/campaigns/no-worker-notice";
import { hasRole } from "@/lib/auth/roles";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";
import { loadFromParams } from "@/lib/http/route-params";
import { DownloadLinks } from "@/components/ui/download-links";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const id = parseId((await params).id);
  return { title: id ? `Run #${id}` : "Run not found" };
}

/** A parsed JSON column as indented text (text that was not JSON as it is). */
function prettyJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

export default async function RunPage({ params }: Props) {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  const run = await loadFromParams(params, getRun);
  const { link, profile, campaign } = run;
  const raw = prettyJson(run.rawStats);
  const perVm = prettyJson(run.perVm);

  return (
    <>
      <PageHeader
        title={`Run #${run.id}: ${profile.name} over ${link.name}`}
        breadcrumb={{ href: `/campaigns/${campaign.id}`, label: `← ${campaign.name}` }}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={run.status} />
            <span>
              iteration {run.iteration} · attempt {run.attempt} · adapter {run.adapter}
            </span>
            {run.seed != null ? <span>· seed {run.seed}</span> : null}
            <LiveRefresh active={run.status === "queued" || run.status === "running"} />
          </span>
        }
        actions={<RunActions campaignId={campaign.id} run={run} canOperate={canOperate} emphasis />}
      />
      {run.status === "queued" ? <NoWorkerNotice testbed={campaign.testbed} what="this run" /> : null}
      {run.errorReason ? (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <span className="font-medium">Failed:</span> {run.errorReason}
        </p>
      ) : null}

      <dl className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Migration time" value={formatDurationMs(run.durationMs)} />
        <Stat
          label="Throughput"
          value={formatGbps(run.throughputGbps)}
          hint={
            campaign.testbed.linkScale !== 1
              ? `of ${formatGbps(usableRateGbps(link) * campaign.testbed.linkScale)} emulated (${formatGbps(usableRateGbps(link))} × ${campaign.testbed.linkScale})`
              : `of ${formatGbps(usableRateGbps(link))} usable`
          }
        />
        <Stat
          label="Data transferred"
          value={formatBytes(run.transferredBytes)}
          hint={formatGigabits(run.transferredBytes)}
        />
        <Stat label="Downtime" value={formatDurationMs(run.downtimeMs)} />
        <Stat label="Pre-copy rounds" value={formatCount(run.precopyRounds)} />
        <Stat label="Observed dirty rate" value={formatRateBytesPerSec(run.dirtyRateBytesPerSec)} />
        <Stat
          label="Started"
          value={<span className="text-base whitespace-normal">{formatDateTime(run.startedAt)}</span>}
        />
        <Stat
          label="Finished"
          value={<span className="text-base whitespace-normal">{formatDateTime(run.finishedAt)}</span>}
        />
      </dl>

      <Card
        title="Progress"
        description="Remaining bytes to send over time."
        className="mb-6"
        actions={
          run.samples.length ? (
            <span className="flex gap-3 text-sm">
              <DownloadLinks href={`/api/runs/${run.id}/samples`} what="Samples" />
            </span>
          ) : undefined
        }
      >
        {run.samples.length ? (
          <RemainingBytesChart series={[{ name: `Run #${run.id}`, points: run.samples }]} />
        ) : (
          <EmptyState title="No progress samples">
            {run.adapter === "imported"
              ? "Imported results carry only their final figures."
              : "Samples appear here while the run migrates."}
          </EmptyState>
        )}
      </Card>

      <div className="mb-6 grid gap-6 md:grid-cols-3">
        <Card title="Testbed">
          <p>
            <Link href={`/testbeds/${campaign.testbed.id}`} className="text-sky-700 hover:underline">
              {campaign.testbed.name}
            </Link>
          </p>
          <p className="text-sm text-slate-500">{campaign.testbed.hypervisor}</p>
        </Card>
        <Card title="Link">
          <p className="font-medium">{link.name}</p>
          <p className="num text-sm text-slate-600">
            line rate {formatGbps(link.lineRateGbps)}
            {link.busLimitGbps ? ` · bus limit ${formatGbps(link.busLimitGbps)}` : ""} · usable{" "}
            {formatGbps(usableRateGbps(link))}
          </p>
          <p className="text-sm text-slate-500">
            {[link.nicModel, link.driver, link.firmware].filter(Boolean).join(" · ")}
          </p>
        </Card>
        <Card title="VM profile">
          <p className="font-medium">{profile.name}</p>
          <p className="num text-sm text-slate-600">
            {profile.vmCount} × {formatMemory(profile.memoryBytes)}, {profile.vcpuCount} vCPU, {profile.workload}
            {profile.workload === "continuous" ? ` at ${formatRateBytesPerSec(profile.dirtyRateBytesPerSec)}` : ""}
          </p>
        </Card>
      </div>

      {perVm ? (
        <Card title="Per-VM results" className="mb-6">
          <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-xs">{perVm}</pre>
        </Card>
      ) : null}
      <Card title="Raw adapter statistics">
        {raw ? (
          <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-xs">{raw}</pre>
        ) : (
          <p className="text-sm text-slate-500">The adapter reported no raw statistics.</p>
        )}
      </Card>
    </>
  );
}
