import "server-only";
import { db } from "./client";
import { isUniqueViolation } from "./errors";
import type { WriteResult } from "./errors";
import { createCampaignWithRuns } from "./campaigns";
import { nextCronRun, type ScheduleInput } from "@/lib/schemas/schedule";
import { sweepFromJson, variantsFromJson } from "@/lib/model/migration-settings";

/*
 * Schedules: a campaign's matrix launched again on a cron expression (UTC). The runners fire the
 * schedules that are due (fireDueSchedules): each due time once, however many runners look and however
 * often a launch fails first (the firing's key on its campaign); a firing whose previous campaign still
 * runs is skipped. Every firing is kept with its outcome (ScheduleFiring).
 */

const ACTIVE = ["queued", "running"];

/** Makes a schedule from a campaign: its testbed, links and VM profiles, iterations and time scale. */
export async function createScheduleFromCampaign({
  campaignId,
  data,
  createdBy,
  now = new Date(),
}: {
  campaignId: number;
  data: ScheduleInput;
  createdBy: string;
  now?: Date;
}): Promise<WriteResult<{ id: number; nextRunAt: Date | null }>> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { testbedId: true, iterations: true, timeScale: true, status: true, variantsJson: true, sweepJson: true },
  });
  if (!campaign) return { ok: false, code: "not_found", message: `Campaign #${campaignId} no longer exists` };
  if (campaign.status === "imported")
    return { ok: false, message: "An imported campaign was not run here: schedule one launched from this dashboard" };
  const cells = await db.run.groupBy({ by: ["linkId", "profileId"], where: { campaignId } });
  const linkIds = [...new Set(cells.map((c) => c.linkId))].sort((a, b) => a - b);
  const profileIds = [...new Set(cells.map((c) => c.profileId))].sort((a, b) => a - b);
  const row = await db.schedule.create({
    data: {
      ...{ name: data.name, cron: data.cron, testbedId: campaign.testbedId, createdBy },
      ...{ linkIdsJson: JSON.stringify(linkIds), profileIdsJson: JSON.stringify(profileIds) },
      ...{ iterations: campaign.iterations, timeScale: campaign.timeScale },
      ...{ variantsJson: campaign.variantsJson, sweepJson: campaign.sweepJson },
      nextRunAt: nextCronRun(data.cron, now),
    },
    select: { id: true, nextRunAt: true },
  });
  return { ok: true, value: row };
}

/** Every schedule, with its testbed and its last campaign's status. */
export async function listSchedules({ testbedId }: { testbedId?: number } = {}) {
  const rows = await db.schedule.findMany({
    where: testbedId ? { testbedId } : {},
    orderBy: { id: "asc" },
    select: {
      ...{ id: true, name: true, cron: true, paused: true, nextRunAt: true, lastRunAt: true, lastOutcome: true },
      ...{ lastCampaignId: true, iterations: true, timeScale: true, linkIdsJson: true, profileIdsJson: true },
      ...{ createdBy: true, createdAt: true },
      testbed: { select: { id: true, name: true } },
      _count: { select: { campaigns: true } },
      firings: {
        orderBy: { dueAt: "desc" },
        take: 5,
        select: { dueAt: true, firedAt: true, outcome: true, campaignId: true, reason: true },
      },
    },
  });
  const last = await db.campaign.findMany({
    where: { id: { in: rows.flatMap((r) => (r.lastCampaignId ? [r.lastCampaignId] : [])) } },
    select: { id: true, name: true, status: true, verdict: true },
  });
  return rows.map(({ linkIdsJson, profileIdsJson, ...r }) => ({
    ...r,
    linkIds: JSON.parse(linkIdsJson) as number[],
    profileIds: JSON.parse(profileIdsJson) as number[],
    lastCampaign: last.find((c) => c.id === r.lastCampaignId) ?? null,
  }));
}

/** Pauses a schedule (it stops firing), or resumes it from now. */
export async function setSchedulePaused({
  id,
  paused,
  now = new Date(),
}: {
  id: number;
  paused: boolean;
  now?: Date;
}): Promise<WriteResult<{ name: string; nextRunAt: Date | null }>> {
  const row = await db.schedule.findUnique({ where: { id }, select: { cron: true } });
  if (!row) return { ok: false, code: "not_found", message: "This schedule no longer exists" };
  const updated = await db.schedule.update({
    where: { id },
    data: { paused, nextRunAt: paused ? null : nextCronRun(row.cron, now) },
    select: { name: true, nextRunAt: true },
  });
  return { ok: true, value: updated };
}

/** Deletes a schedule (the campaigns it launched stay). */
export async function deleteSchedule({ id }: { id: number }): Promise<WriteResult<{ name: string }>> {
  const row = await db.schedule.findUnique({ where: { id }, select: { name: true } });
  if (!row) return { ok: false, code: "not_found", message: "This schedule no longer exists" };
  await db.schedule.delete({ where: { id } });
  return { ok: true, value: row };
}

export type Firing = {
  scheduleId: number;
  outcome: "launched" | "skipped" | "refused";
  campaignId?: number;
  reason?: string;
};

/** The idempotency key of a schedule's firing: its id and the time it was due. */
export const firingKey = (scheduleId: number, dueAt: Date) => `${scheduleId}@${dueAt.toISOString()}`;

/**
 * Fires the schedules that are due at `now` (of the given testbeds; null: all): launches the
 * campaign, or skips it while the schedule's previous campaign is still queued or running, or
 * records why the launch was refused (a link or profile since deleted). Exactly once per due time:
 * the campaign carries the firing's key (unique), and the schedule moves on — with the firing's
 * outcome recorded in the same transaction — only after the campaign exists; a launch that fails
 * (a locked table, a lost connection) leaves the schedule due, and the next pass, by any runner,
 * tries again with the same key. The next due time is computed from `now`, so a schedule that was
 * missed while no runner ran fires once, not once per missed time. A schedule whose launch fails
 * for a reason of the database is left out of the result (it is still due).
 */
export async function fireDueSchedules({
  testbedIds,
  now = new Date(),
  log = () => {},
}: {
  testbedIds: number[] | null;
  now?: Date;
  log?: (message: string) => void;
}): Promise<Firing[]> {
  const due = await db.schedule.findMany({
    where: { paused: false, nextRunAt: { lte: now }, ...(testbedIds ? { testbedId: { in: testbedIds } } : {}) },
    orderBy: { nextRunAt: "asc" },
    take: 20,
  });
  const firings: Firing[] = [];
  for (const s of due) {
    const dueAt = s.nextRunAt!;
    const key = firingKey(s.id, dueAt);
    let firing: Firing;
    try {
      firing = await fire(s, dueAt, key);
    } catch (error) {
      log(
        `schedule #${s.id} (due ${dueAt.toISOString()}): not launched yet, tried again on the next pass: ${(error as Error).message.split("\n").filter(Boolean).at(-1)}`,
      );
      continue;
    }
    // The schedule moves on, and the firing is recorded, together — once, whichever runner gets here first.
    const moved = await db.$transaction(async (tx) => {
      const { count } = await tx.schedule.updateMany({
        where: { id: s.id, paused: false, nextRunAt: dueAt },
        data: {
          nextRunAt: nextCronRun(s.cron, now),
          lastRunAt: now,
          lastOutcome:
            firing.outcome === "launched"
              ? `Launched campaign #${firing.campaignId}`
              : firing.outcome === "skipped"
                ? `Skipped: ${firing.reason}`
                : `Not launched: ${firing.reason}`,
          ...(firing.campaignId ? { lastCampaignId: firing.campaignId } : {}),
        },
      });
      if (count !== 1) return false;
      await tx.scheduleFiring.create({
        data: {
          scheduleId: s.id,
          dueAt,
          firedAt: now,
          outcome: firing.outcome,
          campaignId: firing.campaignId ?? null,
          reason: firing.reason ?? null,
        },
      });
      return true;
    });
    if (moved) firings.push(firing);
  }
  return firings;
}

type DueSchedule = Awaited<ReturnType<typeof db.schedule.findMany>>[number];

/** What one firing does: finds the campaign an earlier try made, skips, or launches with the firing's key. */
async function fire(s: DueSchedule, dueAt: Date, key: string): Promise<Firing> {
  const made = await db.campaign.findUnique({ where: { firingKey: key }, select: { id: true } });
  if (made) return { scheduleId: s.id, outcome: "launched", campaignId: made.id };
  const previous = s.lastCampaignId
    ? await db.campaign.findUnique({ where: { id: s.lastCampaignId }, select: { status: true } })
    : null;
  if (previous && ACTIVE.includes(previous.status))
    return {
      scheduleId: s.id,
      outcome: "skipped",
      reason: `campaign #${s.lastCampaignId} was still ${previous.status}`,
    };
  try {
    const launched = await createCampaignWithRuns({
      data: {
        name: `${s.name} · ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
        testbedId: s.testbedId,
        linkIds: JSON.parse(s.linkIdsJson) as number[],
        profileIds: JSON.parse(s.profileIdsJson) as number[],
        iterations: s.iterations,
        timeScale: s.timeScale,
        variants: variantsFromJson(s.variantsJson),
        sweep: sweepFromJson(s.sweepJson),
      },
      firing: { scheduleId: s.id, key },
    });
    return launched.ok
      ? { scheduleId: s.id, outcome: "launched", campaignId: launched.value.id }
      : { scheduleId: s.id, outcome: "refused", reason: launched.message };
  } catch (error) {
    // Another runner launched this very firing a moment ago: it is that campaign.
    if (!isUniqueViolation(error)) throw error;
    const other = await db.campaign.findUniqueOrThrow({ where: { firingKey: key }, select: { id: true } });
    return { scheduleId: s.id, outcome: "launched", campaignId: other.id };
  }
}
