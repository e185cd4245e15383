import "server-only";
import { db } from "./client";
import { isUniqueViolation, type WriteResult } from "./errors";
import { nextCronRun, type ScheduleInput } from "@/lib/schemas/schedule";

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
  const template = {
    ...{ cron: normalCron(data.cron), testbedId: campaign.testbedId },
    ...{ linkIdsJson: JSON.stringify(linkIds), profileIdsJson: JSON.stringify(profileIds) },
    ...{ iterations: campaign.iterations, timeScale: campaign.timeScale },
    ...{ variantsJson: campaign.variantsJson, sweepJson: campaign.sweepJson },
  };
  const same = await sameSchedule(template);
  if (same) return same;
  const paused = data.paused ?? false;
  const row = await db.schedule.create({
    data: { ...template, name: data.name, createdBy, paused, nextRunAt: paused ? null : nextCronRun(data.cron, now) },
    select: { id: true, nextRunAt: true },
  });
  return { ok: true, value: row };
}

/** What makes two schedules the same: the matrix they launch and when (the cron, spaced as stored). */
type ScheduleTemplate = {
  cron: string;
  testbedId: number;
  linkIdsJson: string;
  profileIdsJson: string;
  iterations: number;
  timeScale: number;
  variantsJson: string;
  sweepJson: string | null;
};

const normalCron = (cron: string) => cron.trim().split(/\s+/).join(" ");

/**
 * The refusal, at the cron field, when another schedule (not `exceptId`) already launches this matrix at
 * these times: a second would launch every campaign twice. Null when none does.
 */
async function sameSchedule(template: ScheduleTemplate, exceptId?: number) {
  const same = await db.schedule.findFirst({
    where: { ...template, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, name: true },
  });
  if (!same) return null;
  return {
    ok: false as const,
    field: "cron",
    message: `Schedule “${same.name}” (#${same.id}) already launches this campaign's matrix at these times: pause or delete it, or choose other times`,
  };
}

/** One schedule as its edit form shows it. */
export async function getSchedule({ id }: { id: number }) {
  return db.schedule.findUnique({
    where: { id },
    select: { id: true, name: true, cron: true, paused: true, testbed: { select: { name: true } } },
  });
}

/**
 * Edits a schedule's name, times and pause — the matrix it launches stays. Refused like a new one when
 * another schedule launches the same matrix at the new times. The next due time moves only when the
 * times or the pause change (an unchanged schedule keeps a firing it is overdue for).
 */
export async function updateSchedule({
  id,
  data,
  now = new Date(),
}: {
  id: number;
  data: ScheduleInput;
  now?: Date;
}): Promise<WriteResult<{ name: string; cron: string; nextRunAt: Date | null }>> {
  const row = await db.schedule.findUnique({
    where: { id },
    select: {
      ...{ cron: true, paused: true, testbedId: true, linkIdsJson: true, profileIdsJson: true },
      ...{ iterations: true, timeScale: true, variantsJson: true, sweepJson: true },
    },
  });
  if (!row) return { ok: false, code: "not_found", message: "This schedule no longer exists" };
  const { paused: wasPaused, ...template } = row;
  const cron = normalCron(data.cron);
  const same = await sameSchedule({ ...template, cron }, id);
  if (same) return same;
  const paused = data.paused ?? false;
  const moved = cron !== row.cron || paused !== wasPaused;
  // Written only if nobody changed its times meanwhile; its next due time is left alone unless the times
  // or the pause change, so a runner firing it between the read and this write is never undone.
  const { count } = await db.schedule.updateMany({
    where: { id, cron: row.cron, paused: wasPaused },
    data: { name: data.name, cron, paused, ...(moved ? { nextRunAt: paused ? null : nextCronRun(cron, now) } : {}) },
  });
  if (count !== 1) return { ok: false, message: "This schedule was changed meanwhile: reload it and edit again" };
  const updated = await db.schedule.findUniqueOrThrow({
    where: { id },
    select: { name: true, cron: true, nextRunAt: true },
  });
  return { ok: true, value: updated };
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

/** The schedules due at `now` (of the given testbeds; null: all), the most overdue first, 20 at a time. */
export async function listDueSchedules({ testbedIds, now }: { testbedIds: number[] | null; now: Date }) {
  return db.schedule.findMany({
    where: { paused: false, nextRunAt: { lte: now }, ...(testbedIds ? { testbedId: { in: testbedIds } } : {}) },
    orderBy: { nextRunAt: "asc" },
    take: 20,
  });
}

export type DueSchedule = Awaited<ReturnType<typeof listDueSchedules>>[number];

/** The campaign a firing launched already (an earlier try, or another runner), if any. */
export async function campaignOfFiring(key: string): Promise<number | null> {
  const made = await db.campaign.findUnique({ where: { firingKey: key }, select: { id: true } });
  return made?.id ?? null;
}

/** Whether the schedule's previous campaign still runs: the status it has then, else null. */
export async function activeStatusOfLastCampaign(s: DueSchedule): Promise<string | null> {
  if (!s.lastCampaignId) return null;
  const previous = await db.campaign.findUnique({ where: { id: s.lastCampaignId }, select: { status: true } });
  return previous && ACTIVE.includes(previous.status) ? previous.status : null;
}

/**
 * Moves a schedule on from a firing and records the firing's outcome, in one transaction — once,
 * whichever runner gets here first (false: another did, or the schedule was paused or edited meanwhile).
 * The next due time is computed from `now`, so a schedule missed while no runner ran fires once.
 */
export function recordFiring(args: {
  schedule: DueSchedule;
  dueAt: Date;
  now: Date;
  firing: Firing;
}): Promise<boolean> {
  // A firing already recorded for this due time (its schedule put back to it meanwhile) is not recorded
  // twice and does not stop the pass over the other schedules: the schedule moves on to its next time.
  return recordFiringOnce(args).catch(async (error) => {
    if (!isUniqueViolation(error)) throw error;
    await db.schedule.updateMany({
      where: { id: args.schedule.id, nextRunAt: args.dueAt },
      data: { nextRunAt: nextCronRun(args.schedule.cron, args.now) },
    });
    return false;
  });
}

async function recordFiringOnce({
  schedule: s,
  dueAt,
  now,
  firing,
}: {
  schedule: DueSchedule;
  dueAt: Date;
  now: Date;
  firing: Firing;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
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
}
