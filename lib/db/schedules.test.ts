import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import pg from "pg";
import { TEST_DB_KIND, withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks, launchOn, launchTestCampaign } from "../../test-support/db-fixtures";

// Schedules fire at their time on an injected clock: no test waits for a minute to pass.
withTestDatabase();

const GiB = 1024 ** 3;

test("a schedule fires at its time, skips while its last campaign runs, and stops while paused", async () => {
  const { db } = await import("./client");
  const { createScheduleFromCampaign, setSchedulePaused, listSchedules } = await import("./schedules");
  const { fireDueSchedules } = await import("@/lib/operations/schedule-firing");
  const testbed = await createTestbedWithLinks(db, { name: "nightly testbed" });
  const profile = await db.vmProfile.create({ data: { name: "8 GB idle", memoryBytes: 8 * GiB, workload: "idle" } });
  const templateId = await launchOn(testbed, [profile.id], {
    name: "nightly",
    linkIds: testbed.links.map((l) => l.id),
    iterations: 3,
  });

  // 03:00 UTC on weekdays; made on Friday 2026-11-27 at 12:00, so first due Monday 03:00.
  const friday = new Date("2026-11-27T12:00:00Z");
  const made = await createScheduleFromCampaign({
    campaignId: templateId,
    data: { name: "nightly regression", cron: "0 3 * * 1-5" },
    createdBy: "ops@lab.test",
    now: friday,
  });
  assert.ok(made.ok);
  assert.equal(made.value.nextRunAt?.toISOString(), "2026-11-30T03:00:00.000Z");

  const mine = [testbed.id];
  assert.deepEqual(await fireDueSchedules({ testbedIds: mine, now: new Date("2026-11-30T02:59:59Z") }), [], "not yet");
  const monday = new Date("2026-11-30T03:00:00Z");
  const [fired] = await fireDueSchedules({ testbedIds: mine, now: monday });
  assert.equal(fired.outcome, "launched");
  const launched = await db.campaign.findUniqueOrThrow({
    where: { id: fired.campaignId },
    include: { runs: { select: { linkId: true, profileId: true } } },
  });
  assert.equal(launched.name, "nightly regression · 2026-11-30 03:00 UTC");
  assert.equal(launched.scheduleId, made.value.id);
  assert.equal(launched.runs.length, 2 * 1 * 3, "the template's links × profiles × iterations");
  assert.deepEqual(await fireDueSchedules({ testbedIds: mine, now: monday }), [], "each due time fires once");
  assert.deepEqual(
    await fireDueSchedules({ testbedIds: [testbed.id + 999], now: monday }),
    [],
    "another testbed's worker",
  );

  // Tuesday 03:00: Monday's campaign is still queued (no runner here), so this one is skipped.
  const [skipped] = await fireDueSchedules({ testbedIds: null, now: new Date("2026-12-01T03:00:00Z") });
  assert.equal(skipped.outcome, "skipped");
  let [listed] = await listSchedules({ testbedId: testbed.id });
  assert.equal(listed.lastOutcome, `Skipped: campaign #${fired.campaignId} was still queued`);
  assert.equal(listed.nextRunAt?.toISOString(), "2026-12-02T03:00:00.000Z");

  // Paused over Wednesday: nothing fires; resumed on Thursday at noon, next due Friday 03:00.
  assert.ok((await setSchedulePaused({ id: made.value.id, paused: true })).ok);
  assert.deepEqual(await fireDueSchedules({ testbedIds: null, now: new Date("2026-12-02T03:00:00Z") }), []);
  const resumed = await setSchedulePaused({ id: made.value.id, paused: false, now: new Date("2026-12-03T12:00:00Z") });
  assert.equal(resumed.ok && resumed.value.nextRunAt?.toISOString(), "2026-12-04T03:00:00.000Z");

  // Once Monday's campaign has finished, Friday launches again.
  await db.run.updateMany({ where: { campaignId: fired.campaignId }, data: { status: "succeeded" } });
  await db.campaign.update({ where: { id: fired.campaignId }, data: { status: "completed" } });
  const [friday2] = await fireDueSchedules({ testbedIds: null, now: new Date("2026-12-04T03:00:10Z") });
  assert.equal(friday2.outcome, "launched");
  [listed] = await listSchedules({ testbedId: testbed.id });
  assert.equal(listed._count.campaigns, 2);
  assert.equal(listed.lastCampaign?.id, friday2.campaignId);
});

test("a schedule whose profile was deleted records why it did not launch", async () => {
  const { db } = await import("./client");
  const { createScheduleFromCampaign } = await import("./schedules");
  const { fireDueSchedules } = await import("@/lib/operations/schedule-firing");
  const testbed = await createTestbedWithLinks(db, { name: "orphaned testbed" });
  const profile = await db.vmProfile.create({ data: { name: "short-lived", memoryBytes: GiB, workload: "idle" } });
  const templateId = await launchOn(testbed, [profile.id], { name: "t" });
  const now = new Date("2026-11-27T12:00:00Z");
  const made = await createScheduleFromCampaign({
    campaignId: templateId,
    data: { name: "hourly", cron: "0 * * * *" },
    createdBy: "x",
    now,
  });
  assert.ok(made.ok);
  await db.campaign.delete({ where: { id: templateId } });
  await db.vmProfile.delete({ where: { id: profile.id } });
  const [firing] = await fireDueSchedules({ testbedIds: [testbed.id], now: new Date("2026-11-27T13:00:00Z") });
  assert.equal(firing.outcome, "refused");
  assert.match(firing.reason!, /VM profile #\d+ does not exist/);
});

test("each firing makes one campaign: a launch that fails on a locked table is tried again, and two runners at once make one", async () => {
  const { db } = await import("./client");
  const { createScheduleFromCampaign, listSchedules } = await import("./schedules");
  const { fireDueSchedules } = await import("@/lib/operations/schedule-firing");
  const { testbed, campaignId: templateId } = await launchTestCampaign(db, { name: "contended" });
  const made = await createScheduleFromCampaign({
    campaignId: templateId,
    data: { name: "every minute", cron: "* * * * *" },
    createdBy: "x",
    now: new Date("2026-11-27T12:00:30Z"),
  });
  assert.ok(made.ok);
  const dueAt = new Date("2026-11-27T12:01:00Z");
  const logged: string[] = [];

  // Another process holds the campaigns still for longer than a launch waits (SQLite's busy timeout is
  // 10 s, an interactive transaction's 5 s): the launch fails.
  const held = holdCampaignTable(TEST_DB_KIND === "sqlite" ? 11_000 : 7_000);
  await held.taken;
  const during = await fireDueSchedules({ testbedIds: [testbed.id], now: dueAt, log: (m) => logged.push(m) });
  await held.released;
  assert.deepEqual(during, [], "nothing launched while the table was held");
  assert.match(logged.join("\n"), /not launched yet, tried again on the next pass/);
  let [schedule] = await listSchedules({ testbedId: testbed.id });
  assert.equal(schedule.nextRunAt?.toISOString(), dueAt.toISOString(), "the firing is still due, not lost");
  assert.equal(await db.campaign.count({ where: { scheduleId: made.value.id } }), 0);

  // The next pass — two runners at the same moment — launches it once.
  const later = new Date("2026-11-27T12:01:05Z");
  const passes = await Promise.all([
    fireDueSchedules({ testbedIds: [testbed.id], now: later }),
    fireDueSchedules({ testbedIds: [testbed.id], now: later }),
  ]);
  const fired = passes.flat();
  assert.equal(fired.length, 1, "one runner moved the schedule on");
  assert.equal(fired[0].outcome, "launched");
  const campaigns = await db.campaign.findMany({
    where: { scheduleId: made.value.id },
    select: { id: true, name: true },
  });
  assert.deepEqual(campaigns, [{ id: fired[0].campaignId, name: "every minute · 2026-11-27 12:01 UTC" }]);
  [schedule] = await listSchedules({ testbedId: testbed.id });
  assert.equal(schedule.nextRunAt?.toISOString(), "2026-11-27T12:02:00.000Z");
  assert.deepEqual(
    schedule.firings.map((f) => [f.dueAt.toISOString(), f.outcome, f.campaignId]),
    [[dueAt.toISOString(), "launched", fired[0].campaignId]],
    "the page's list of firings: this one, once",
  );
});

test("a firing whose campaign was made by a runner that then died is recorded, not launched again", async () => {
  const { db } = await import("./client");
  const { createCampaignWithRuns } = await import("./campaigns");
  const { createScheduleFromCampaign, firingKey } = await import("./schedules");
  const { fireDueSchedules } = await import("@/lib/operations/schedule-firing");
  const { testbed, campaignId: templateId, data } = await launchTestCampaign(db, { name: "half-fired" });
  const made = await createScheduleFromCampaign({
    campaignId: templateId,
    data: { name: "hourly", cron: "0 * * * *" },
    createdBy: "x",
    now: new Date("2026-11-27T12:00:30Z"),
  });
  assert.ok(made.ok);
  const dueAt = new Date("2026-11-27T13:00:00Z");
  // Another runner launched this firing, then died before moving the schedule on.
  const firing = { scheduleId: made.value.id, key: firingKey(made.value.id, dueAt) };
  const earlier = await createCampaignWithRuns({ data: { ...data, name: "launched by the runner that died" }, firing });
  assert.ok(earlier.ok);
  // The same key again is refused by the database: one campaign per firing, whoever tries.
  await assert.rejects(createCampaignWithRuns({ data, firing }), (e: { code?: string }) => e.code === "P2002");
  const [fired] = await fireDueSchedules({ testbedIds: [testbed.id], now: dueAt });
  assert.deepEqual(fired, { scheduleId: made.value.id, outcome: "launched", campaignId: earlier.value.id });
  assert.equal(await db.campaign.count({ where: { scheduleId: made.value.id } }), 1);
});

/**
 * Holds the Campaign table in another connection for `ms` (SQLite: the write lock; PostgreSQL:
 * EXCLUSIVE, which lets reads through): `taken` once it holds it, `released` once it let go.
 */
function holdCampaignTable(ms: number): { taken: Promise<void>; released: Promise<void> } {
  const url = process.env.DATABASE_URL!;
  let taken!: () => void;
  const takenPromise = new Promise<void>((r) => (taken = r));
  const released = (async () => {
    if (TEST_DB_KIND === "sqlite") {
      const holder = new Database(url.replace(/^file:/, ""));
      holder.exec("BEGIN IMMEDIATE");
      taken();
      await new Promise((r) => setTimeout(r, ms));
      holder.exec("COMMIT");
      holder.close();
      return;
    }
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('BEGIN; LOCK TABLE "Campaign" IN EXCLUSIVE MODE');
    taken();
    await new Promise((r) => setTimeout(r, ms));
    await holder.query("COMMIT");
    await holder.end();
  })();
  return { taken: takenPromise, released };
}

test("a schedule is edited like it was made: new times move its next firing, a duplicate is refused at the cron", async () => {
  const { db } = await import("./client");
  const { createScheduleFromCampaign, updateSchedule, getSchedule } = await import("./schedules");
  const { campaignId } = await launchTestCampaign(db, { name: "edited" });
  const friday = new Date("2026-11-27T12:00:00Z");
  const make = (name: string, cron: string, paused?: boolean) =>
    createScheduleFromCampaign({ campaignId, data: { name, cron, paused }, createdBy: "x", now: friday });
  const nightly = await make("nightly", "0 3 * * 1-5");
  const hourly = await make("hourly", "0 * * * *");
  assert.ok(nightly.ok && hourly.ok);
  const held = await make("held", "30 4 * * *", true);
  assert.ok(held.ok);
  assert.equal(held.value.nextRunAt, null, "made paused: it does not fire");

  // New times (spaced oddly): stored as spaced when made, next due from now.
  const edited = await updateSchedule({
    id: nightly.value.id,
    data: { name: "weekends", cron: " 0  6 * * 6,0 " },
    now: friday,
  });
  assert.ok(edited.ok);
  assert.equal(edited.value.cron, "0 6 * * 6,0");
  assert.equal(edited.value.nextRunAt?.toISOString(), "2026-11-28T06:00:00.000Z");
  assert.equal((await getSchedule({ id: nightly.value.id }))?.name, "weekends");

  // Onto another schedule's times for the same matrix: refused at the cron field, nothing changed.
  const clash = await updateSchedule({ id: nightly.value.id, data: { name: "weekends", cron: "0 * * * *" } });
  assert.equal(clash.ok, false);
  assert.equal(!clash.ok && clash.field, "cron");
  assert.match(!clash.ok ? clash.message : "", /Schedule “hourly” \(#\d+\) already launches/);
  assert.equal((await getSchedule({ id: nightly.value.id }))?.cron, "0 6 * * 6,0");
  // Its own times again (a rename) are not a duplicate of itself, and keep the firing it is due for.
  const renamed = await updateSchedule({
    id: nightly.value.id,
    data: { name: "weekend mornings", cron: "0 6 * * 6,0" },
    now: new Date("2026-11-29T12:00:00Z"),
  });
  assert.equal(renamed.ok && renamed.value.nextRunAt?.toISOString(), "2026-11-28T06:00:00.000Z");

  // Paused through the form, then resumed: due again from then.
  const paused = await updateSchedule({
    id: hourly.value.id,
    data: { name: "hourly", cron: "0 * * * *", paused: true },
  });
  assert.equal(paused.ok && paused.value.nextRunAt, null);
  const resumed = await updateSchedule({
    id: hourly.value.id,
    data: { name: "hourly", cron: "0 * * * *" },
    now: new Date("2026-11-27T13:20:00Z"),
  });
  assert.equal(resumed.ok && resumed.value.nextRunAt?.toISOString(), "2026-11-27T14:00:00.000Z");
  assert.equal((await updateSchedule({ id: 999_999, data: { name: "x", cron: "0 * * * *" } })).ok, false);
});

test("a schedule put back to a due time it already fired for is not fired again, and the others still fire", async () => {
  const { db } = await import("./client");
  const { createScheduleFromCampaign, updateSchedule } = await import("./schedules");
  const { fireDueSchedules } = await import("@/lib/operations/schedule-firing");
  const { campaignId, testbed } = await launchTestCampaign(db, { name: "raced" });
  const testbedId = testbed.id;
  const friday = new Date("2026-11-27T12:00:00Z");
  const make = (name: string, cron: string) =>
    createScheduleFromCampaign({ campaignId, data: { name, cron }, createdBy: "x", now: friday });
  const raced = await make("raced", "0 3 * * *");
  const other = await make("other", "30 3 * * *");
  assert.ok(raced.ok && other.ok);
  const saturday = new Date("2026-11-28T03:00:00Z");
  const [first] = await fireDueSchedules({ testbedIds: [testbedId], now: saturday });
  assert.equal(first.outcome, "launched");
  // What an edit that read the schedule before this firing and wrote after it used to do.
  await db.schedule.update({ where: { id: raced.value.id }, data: { nextRunAt: saturday } });
  const later = await fireDueSchedules({ testbedIds: [testbedId], now: new Date("2026-11-28T03:40:00Z") });
  assert.deepEqual(
    later.map((f) => f.scheduleId),
    [other.value.id],
    "the pass goes on past the put-back schedule",
  );
  const moved = await db.schedule.findUniqueOrThrow({ where: { id: raced.value.id } });
  assert.equal(moved.nextRunAt?.toISOString(), "2026-11-29T03:00:00.000Z", "and it moves on to its next time");
  assert.equal(await db.campaign.count({ where: { scheduleId: raced.value.id } }), 1, "03:00 fired once");
  assert.equal(await db.campaign.count({ where: { scheduleId: other.value.id } }), 1);
  // An edit keeps whatever due time a firing has moved on to, unless it changes the times.
  const due = (await db.schedule.findUniqueOrThrow({ where: { id: other.value.id } })).nextRunAt;
  const renamed = await updateSchedule({ id: other.value.id, data: { name: "renamed", cron: "30 3 * * *" } });
  assert.equal(renamed.ok && renamed.value.nextRunAt?.toISOString(), due?.toISOString());
});
