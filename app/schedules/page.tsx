import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import Link from "next/link";
import { ListPage } from "@/components/ui/list-page";
import { DataTable, CellWithDetail } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ActionButton } from "@/components/ui/action-button";
import { ButtonLink } from "@/components/ui/button-link";
import { StatusBadge } from "@/components/ui/status-badge";
import { VerdictBadge } from "@/components/ui/verdict-badge";
import { listSchedules } from "@/lib/db/schedules";
import { formatDateTime } from "@/lib/format/units";
import { cronInWords, nextFirings } from "@/lib/format/cron-words";
import { hasRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/guard";
import { deleteScheduleAction, pauseScheduleAction, resumeScheduleAction } from "./actions";

export const metadata: Metadata = { title: "Schedules" };

export default async function SchedulesPage() {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  return (
    <ListPage
      title="Schedules"
      description="Campaigns launched again on a cron schedule (UTC) by the workers — skipped while the previous one still runs. Make one from a campaign's page."
      create={null}
      skeletonRows={3}
    >
      <ScheduleTable canOperate={canOperate} />
    </ListPage>
  );
}

async function ScheduleTable({ canOperate }: { canOperate: boolean }) {
  const schedules = await listSchedules();
  if (!schedules.length)
    return (
      <EmptyState title="No schedules yet">
        Open a campaign and use <em>Run on a schedule</em>: the same testbed, links, VM profiles and iterations are
        launched at the times you give (for example <code>0 3 * * 1-5</code>, 03:00 UTC on weekdays), and each is
        compared with its series&apos; baselines.
      </EmptyState>
    );
  return (
    <DataTable
      label="Schedules"
      rows={schedules}
      rowHeader
      columns={[
        {
          header: "Schedule",
          // The buttons sit under the name, in the column that stays in view: on a phone the table scrolls
          // sideways, and a last column of buttons was out of sight.
          cell: (s) => (
            <>
              <CellWithDetail
                main={s.name}
                detail={`${s.testbed.name} · ${s.linkIds.length} link(s) × ${s.profileIds.length} profile(s) × ${s.iterations}`}
              />
              {canOperate ? <ScheduleActions schedule={s} /> : null}
            </>
          ),
        },
        {
          header: "When",
          cell: (s) => <CellWithDetail main={cronInWords(s.cron) ?? s.cron} detail={<code>{s.cron}</code>} />,
        },
        {
          header: "Next runs",
          className: "whitespace-nowrap",
          cell: (s) =>
            s.paused ? (
              <StatusBadge status="paused" />
            ) : (
              <ul className="space-y-0.5 text-xs" aria-label={`Next runs of ${s.name}`}>
                {nextFirings(s.cron, 5).map((d) => (
                  <li key={d.toISOString()}>{formatDateTime(d, { seconds: false })}</li>
                ))}
              </ul>
            ),
        },
        {
          header: "Last run",
          cell: (s) =>
            s.lastRunAt ? (
              <CellWithDetail main={<DateTime value={s.lastRunAt} />} detail={s.lastOutcome ?? undefined} />
            ) : (
              <span className="text-slate-500">not yet</span>
            ),
        },
        {
          header: "Recent firings",
          cell: (s) =>
            s.firings.length ? (
              <ul className="space-y-0.5 text-xs" aria-label={`Recent firings of ${s.name}`}>
                {s.firings.map((f) => (
                  <li key={f.dueAt.toISOString()} className="whitespace-nowrap">
                    <span className="text-slate-500">{formatDateTime(f.dueAt, { seconds: false })}</span>{" "}
                    {f.outcome === "launched" && f.campaignId ? (
                      <Link
                        href={`/campaigns/${f.campaignId}`}
                        prefetch={false}
                        className="text-sky-700 hover:underline"
                      >
                        launched #{f.campaignId}
                      </Link>
                    ) : (
                      <span
                        title={f.reason ?? undefined}
                        className={f.outcome === "refused" ? "text-red-700" : "text-slate-600"}
                      >
                        {f.outcome === "skipped" ? "skipped" : "not launched"}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-500">none yet</span>
            ),
        },
        {
          header: "Last campaign",
          cell: (s) =>
            s.lastCampaign ? (
              <span className="flex flex-wrap items-center gap-1">
                <Link
                  href={`/campaigns/${s.lastCampaign.id}`}
                  prefetch={false}
                  className="text-sky-700 hover:underline"
                >
                  #{s.lastCampaign.id}
                </Link>
                <StatusBadge status={s.lastCampaign.status} />
                <VerdictBadge verdict={s.lastCampaign.verdict} />
              </span>
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}

/** Edit, Pause or Resume, and Delete, for one schedule: in one line (stacked, they made each row three buttons tall). */
function ScheduleActions({ schedule: s }: { schedule: { id: number; name: string; paused: boolean } }) {
  return (
    <div className="mt-2 flex w-max items-start gap-2 font-normal">
      <ButtonLink href={`/schedules/${s.id}/edit`} variant="secondary">
        Edit
      </ButtonLink>
      <ActionButton
        action={(s.paused ? resumeScheduleAction : pauseScheduleAction).bind(null, s.id)}
        label={s.paused ? "Resume" : "Pause"}
        pendingLabel="Saving…"
      />
      <ActionButton
        action={deleteScheduleAction.bind(null, s.id)}
        label="Delete"
        pendingLabel="Deleting…"
        variant="danger"
        confirmText={`Delete the schedule “${s.name}”? Its campaigns stay.`}
      />
    </div>
  );
}
