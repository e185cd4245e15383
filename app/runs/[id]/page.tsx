import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import Link from "next/link";
import { getRun } from "@/lib/db/runs";
import { WireStat } from "./_components/wire-stat";
import { rateLeakShare, rateLeakText, usableRateGbps } from "@/lib/model/rates";
import {
  formatBytes,
  formatCount,
  formatDurationMs,
  formatGbps,
  formatGigabits,
  formatMemory,
  formatRateBytesPerSec,
} from "@/lib/format/units";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { settingsFigures } from "@/lib/stats/settings-figures";
import {
  applySweep,
  formatSweepValue,
  settingsFromJson,
  settingsLabel,
  SWEEP_VARIABLES,
  withTestbedDowntimeLimit,
  type SweepVariable,
} from "@/lib/model/migration-settings";
import { Stat } from "@/components/ui/stat";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { RemainingBytesChart } from "@/components/charts/remaining-bytes-chart";
import { LiveRefresh } from "@/components/ui/live-refresh";
import { RunActions } from "@/components/campaigns/run-actions";
import { cancelRunAction, rerunRunAction } from "../actions";
import { NoWorkerNotice } from "@/components/campaigns/no-worker-notice";
import { hasRole } from "@/lib/auth/roles";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";
import { rawStatsFor } from "@/lib/auth/visibility";
import { findFromParams, loadFromParams } from "@/lib/http/route-params";
import { DownloadLinks } from "@/components/ui/download-links";
import { predictRun } from "@/lib/model/predict";
import { roundsOfSamples } from "@/lib/stats/rounds";
import { runEta } from "@/lib/stats/eta";
import { PerVmCard, perVmRows, RoundsCard } from "./_components/result-tables";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const run = await findFromParams(params, getRun);
  return { title: run ? `Run #${run.id}` : "Run not found" };
}

/** A parsed JSON column as indented text (text that was not JSON as it is). */
function prettyJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

export default async function RunPage({ params }: Props) {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  const stored = await loadFromParams(params, getRun);
  // Where the link's path runs (interfaces, vmknics) is for operators, as connection settings are.
  const run = { ...stored, rawStats: rawStatsFor(stored.rawStats, me.role) };
  const { link, profile, campaign } = run;
  const leak = rateLeakShare(run.throughputGbps, usableRateGbps(link) * campaign.testbed.linkScale);
  const raw = prettyJson(run.rawStats);
  const perVm = perVmRows(run.perVm);
  const rounds = roundsOfSamples(run.samples);
  const running = run.status === "running";
  const settings = settingsFromJson(run.settingsJson);
  // The run as it ran: its settings variant, and its swept value applied to the profile.
  const as = applySweep(
    profile,
    withTestbedDowntimeLimit(settings, campaign.testbed.downtimeLimitMs),
    run.sweepVariable,
    run.sweepValue,
  );
  const prediction = running ? predictRun(link, as.profile, campaign.testbed.linkScale, as.settings) : null;
  const figures = settingsFigures(run.rawStats);
  const eta =
    prediction && run.startedAt
      ? runEta({
          last: run.samples.at(-1) ?? null,
          predictedDurationMs: prediction.durationMs,
          predictedBytes: prediction.transferredBytes,
          // Read as the page renders (it refreshes while the run is live).
          // eslint-disable-next-line react-hooks/purity
          elapsedWallMs: Date.now() - run.startedAt.getTime(),
        })
      : null;

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
            <LiveRefresh
              active={run.status === "queued" || run.status === "running"}
              watchUrl={`/api/runs/${run.id}`}
            />
          </span>
        }
        actions={
          <RunActions
            run={run}
            canOperate={canOperate}
            cancel={cancelRunAction.bind(null, campaign.id, run.id)}
            rerun={rerunRunAction.bind(null, campaign.id, run.id)}
            emphasis
          />
        }
      />
      {run.status === "queued" ? <NoWorkerNotice testbed={campaign.testbed} what="this run" /> : null}
      {run.errorReason ? (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <span className="font-medium">Failed:</span> {run.errorReason}
        </p>
      ) : null}

      {eta ? (
        <Card className="mb-6" title="In progress">
          <div
            role="progressbar"
            aria-label="Predicted bytes sent"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(eta.fraction * 100)}
            aria-valuetext={`${Math.round(eta.fraction * 100)}% of the predicted bytes sent`}
            className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full bg-sky-500" style={{ width: `${eta.fraction * 100}%` }} />
          </div>
          <p className="num mt-1 text-xs text-slate-500">
            {Math.round(eta.fraction * 100)}% of the predicted bytes sent
          </p>
          <p className="num mt-2 text-sm text-slate-700">
            About <span className="font-semibold">{formatDurationMs(eta.remainingWallMs)}</span> left
            {eta.basis === "model"
              ? " (the pre-copy model's prediction; no progress reported yet)"
              : ` (the model's ${formatDurationMs(prediction!.durationMs)} for this run, scaled by what is still to send)`}
            .
          </p>
        </Card>
      ) : null}

      <dl className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Migration time" value={formatDurationMs(run.durationMs)} />
        <Stat
          label="Throughput"
          value={formatGbps(run.throughputGbps)}
          hint={
            <>
              {campaign.testbed.linkScale !== 1
                ? `of ${formatGbps(usableRateGbps(link) * campaign.testbed.linkScale)} emulated (${formatGbps(usableRateGbps(link))} × ${campaign.testbed.linkScale})`
                : `of ${formatGbps(usableRateGbps(link))} usable`}
              {leak ? (
                <span role="note" className="block font-medium text-amber-800">
                  {rateLeakText(leak, link.emulated || campaign.testbed.linkScale !== 1)}
                </span>
              ) : null}
            </>
          }
        />
        <Stat
          label="Data transferred"
          value={formatBytes(run.transferredBytes)}
          hint={formatGigabits(run.transferredBytes)}
        />
        <WireStat run={run} linkName={link.name} />
        <Stat
          label="Downtime"
          value={
            run.status === "succeeded" && run.downtimeMs === null ? "not reported" : formatDurationMs(run.downtimeMs)
          }
          hint={
            run.status === "succeeded" && run.downtimeMs === null
              ? "the source did not publish it"
              : downtimeHint(run.downtimeMs, as.settings.downtimeLimitMs)
          }
        />
        <Stat
          label="Guest-observed pause"
          value={
            run.status === "succeeded" && run.guestPauseMs === null
              ? "not measured"
              : formatDurationMs(run.guestPauseMs)
          }
          hint={
            run.guestPauseMs !== null
              ? run.downtimeMs !== null
                ? `${formatDurationMs(Math.max(0, run.guestPauseMs - run.downtimeMs))} beyond the reported downtime`
                : "from the guest's heartbeat"
              : run.status === "succeeded"
                ? "only QEMU and libvirt runs read the guest's heartbeat"
                : undefined
          }
        />
        <Stat label="Pre-copy rounds" value={formatCount(run.precopyRounds)} />
        <Stat label="Observed dirty rate" value={formatRateBytesPerSec(run.dirtyRateBytesPerSec)} />
        <Stat
          label="Started"
          value={<DateTime className="text-sm whitespace-normal sm:text-base" value={run.startedAt} />}
        />
        <Stat
          label="Finished"
          value={<DateTime className="text-sm whitespace-normal sm:text-base" value={run.finishedAt} />}
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

      <div className="mb-6 grid gap-6 md:grid-cols-2 xl:grid-cols-4">
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
          {/* As it ran: a sweep may have set its memory, VM count or workload (a dirty-rate sweep sets the workload). */}
          <p className="num text-sm text-slate-600">
            {as.profile.vmCount} × {formatMemory(as.profile.memoryBytes)}, {profile.vcpuCount} vCPU,{" "}
            {as.profile.workload}
            {as.profile.workload === "continuous"
              ? ` at ${formatRateBytesPerSec(as.profile.dirtyRateBytesPerSec)}`
              : ""}
          </p>
          {as.profile.workload !== profile.workload ? (
            <p className="text-xs text-slate-500">
              The profile says {profile.workload}; the campaign&apos;s dirty-rate sweep set this run&apos;s workload.
            </p>
          ) : null}
        </Card>
        <Card title="Migration settings">
          <p className="font-medium">{settingsLabel(settings)}</p>
          {run.sweepVariable && run.sweepValue !== null ? (
            <p className="num text-sm text-slate-600">
              {SWEEP_VARIABLES[run.sweepVariable as SweepVariable]?.label ?? run.sweepVariable} swept:{" "}
              {formatSweepValue(run.sweepVariable, run.sweepValue)}
            </p>
          ) : null}
          {figures.length ? (
            <dl aria-label="What the settings did" className="mt-1 grid gap-x-3 text-sm sm:grid-cols-[auto_1fr]">
              {figures.map((f) => (
                <div key={f.label} className="contents">
                  <dt className="text-slate-500">{f.label}</dt>
                  <dd className="num text-slate-800">{f.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </Card>
      </div>

      <RoundsCard rounds={rounds} />
      <PerVmCard perVm={perVm} />
      <Card title="Raw adapter statistics">
        {raw ? (
          <details>
            <summary className="cursor-pointer text-sm text-sky-700">
              Show what the adapter reported, as it reported it (JSON)
            </summary>
            <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 text-xs">{raw}</pre>
          </details>
        ) : (
          <p className="text-sm text-slate-500">The adapter reported no raw statistics.</p>
        )}
      </Card>
    </>
  );
}

/** The downtime against the limit the run migrated under: by how much the hypervisor overshot it, if it did. */
function downtimeHint(downtimeMs: number | null, limitMs: number | null) {
  if (downtimeMs === null || limitMs === null) return undefined;
  return downtimeMs > limitMs ? (
    <span className="font-medium text-amber-800">
      over the {formatDurationMs(limitMs)} limit by {formatDurationMs(downtimeMs - limitMs)}
    </span>
  ) : (
    `within the ${formatDurationMs(limitMs)} limit`
  );
}
