import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks, launchOn } from "../../test-support/db-fixtures";

// A series on the calibrated simulator, run by the real runner: a baseline campaign, then a 10%
// slowdown seeded into the link (its stream efficiency, as a NIC firmware change would), then 1%.
withTestDatabase();

const GiB = 1024 ** 3;

test("a seeded 10% slowdown is flagged as a regression with p < 0.05; a 1% change is not", async () => {
  const { db } = await import("./client");
  const { setCampaignBaseline, clearSeriesBaseline } = await import("./series");
  const { Runner } = await import("@/lib/runner/runner");
  const testbed = await createTestbedWithLinks(db, {
    name: "series testbed",
    links: [{ name: "10GbE", lineRateGbps: 10, modelEfficiency: 0.9 }],
  });
  const link = testbed.links[0];
  const profile = await db.vmProfile.create({ data: { name: "16 GB once", memoryBytes: 16 * GiB, workload: "once" } });
  const other = await db.vmProfile.create({ data: { name: "4 GB idle", memoryBytes: 4 * GiB, workload: "idle" } });
  const runCampaign = async (name: string, profileIds = [profile.id]) => {
    const id = await launchOn(testbed, profileIds, { name, linkIds: [link.id], iterations: 5 });
    await new Runner({ pollMs: 20, heartbeatMs: 100, sampleFlushMs: 50 }).drain();
    return db.campaign.findUniqueOrThrow({ where: { id } });
  };

  const base = await runCampaign("before the upgrade", [profile.id, other.id]);
  assert.equal(base.status, "completed");
  assert.equal(base.verdict, null, "no baseline yet: no verdict");
  const marked = await setCampaignBaseline({ campaignId: base.id, setBy: "ops@lab.test" });
  assert.deepEqual(marked, { ok: true, value: { name: "before the upgrade", series: 2, runs: 10 } });

  await db.link.update({ where: { id: link.id }, data: { modelEfficiency: 0.9 / 1.1 } });
  const slower = await runCampaign("after the firmware change");
  assert.equal(slower.verdict, "regression");
  const verdicts = await db.seriesVerdict.findMany({ where: { campaignId: slower.id } });
  // One series (the profile it ran) × four metrics; the other series was not run.
  assert.equal(verdicts.length, 4);
  const time = verdicts.find((v) => v.metric === "durationMs")!;
  assert.equal(time.verdict, "regression");
  assert.ok(time.pValue! < 0.05, `p = ${time.pValue}`);
  assert.ok(time.changePct! > 6 && time.changePct! < 14, `change ${time.changePct}%`);
  assert.deepEqual([time.baselineN, time.candidateN], [5, 5]);
  assert.equal(verdicts.find((v) => v.metric === "throughputGbps")!.verdict, "regression");
  assert.equal(verdicts.find((v) => v.metric === "transferredBytes")!.verdict, "no-change", "the same bytes are sent");

  await db.link.update({ where: { id: link.id }, data: { modelEfficiency: 0.9 / 1.01 } });
  const slightly = await runCampaign("a 1% change");
  const slightTime = await db.seriesVerdict.findFirstOrThrow({
    where: { campaignId: slightly.id, metric: "durationMs" },
  });
  assert.equal(slightTime.verdict, "no-change", slightTime.sentence);
  assert.notEqual(slightly.verdict, "regression");

  // A campaign is never compared with itself, and without a baseline a series gets no verdict.
  assert.equal(await db.seriesVerdict.count({ where: { campaignId: base.id } }), 0);
  assert.deepEqual(await clearSeriesBaseline({ linkId: link.id, profileId: profile.id }), {
    ok: true,
    value: { linkId: link.id, profileId: profile.id },
  });
  const unbased = await runCampaign("no baseline");
  assert.equal(unbased.verdict, null);
  assert.equal(await db.seriesVerdict.count({ where: { campaignId: unbased.id } }), 0);
});

test("a running campaign, or one without results, cannot be a baseline", async () => {
  const { db } = await import("./client");
  const { setCampaignBaseline } = await import("./series");
  const testbed = await createTestbedWithLinks(db, { name: "busy testbed" });
  const profile = await db.vmProfile.create({ data: { name: "1 GB idle", memoryBytes: GiB, workload: "idle" } });
  const campaignId = await launchOn(testbed, [profile.id], { name: "queued" });
  const refused = await setCampaignBaseline({ campaignId, setBy: "x" });
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? "" : refused.message, /still running/);
  await db.run.updateMany({ where: { campaignId }, data: { status: "failed" } });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "failed" } });
  const empty = await setCampaignBaseline({ campaignId, setBy: "x" });
  assert.match(empty.ok ? "" : empty.message, /no succeeded runs/);
  const missing = await setCampaignBaseline({ campaignId: 987654, setBy: "x" });
  assert.deepEqual(missing.ok ? null : missing.code, "not_found");
  assert.equal(await db.seriesBaseline.count({ where: { profileId: profile.id } }), 0);
});

test("series hold default-settings runs only: a post-copy variant or a sweep neither sets nor meets a pre-copy baseline", async () => {
  const { db } = await import("./client");
  const { setCampaignBaseline, listSeries } = await import("./series");
  const { Runner } = await import("@/lib/runner/runner");
  const { DEFAULT_SETTINGS } = await import("@/lib/model/migration-settings");
  const testbed = await createTestbedWithLinks(db, { name: "variants testbed" });
  const link = testbed.links[0];
  const profile = await db.vmProfile.create({
    data: { name: "2 GB hot", memoryBytes: 2 * GiB, workload: "continuous", dirtyRateBytesPerSec: 300e6 },
  });
  const postcopy = { ...DEFAULT_SETTINGS, strategy: "postcopy" as const };
  const run = async (
    name: string,
    variants = [DEFAULT_SETTINGS],
    sweep?: { variable: "dirtyRate"; values: number[] },
  ) => {
    const id = await launchOn(testbed, [profile.id], { name, linkIds: [link.id], iterations: 3, variants, sweep });
    await new Runner({ pollMs: 20, heartbeatMs: 100, sampleFlushMs: 50 }).drain();
    return db.campaign.findUniqueOrThrow({ where: { id } });
  };
  // Both variants ran; only the 3 pre-copy runs become the baseline.
  const both = await run("pre-copy and post-copy", [DEFAULT_SETTINGS, postcopy]);
  assert.equal(await db.run.count({ where: { campaignId: both.id, status: "succeeded" } }), 6);
  assert.deepEqual(await setCampaignBaseline({ campaignId: both.id, setBy: "ops@lab.test" }), {
    ok: true,
    value: { name: "pre-copy and post-copy", series: 1, runs: 3 },
  });
  // Post-copy is far faster for this hot guest, yet no "improvement" is claimed against pre-copy.
  const onlyPostcopy = await run("post-copy only", [postcopy]);
  assert.equal(onlyPostcopy.verdict, null);
  assert.equal(await db.seriesVerdict.count({ where: { campaignId: onlyPostcopy.id } }), 0);
  const swept = await run("swept", [DEFAULT_SETTINGS], { variable: "dirtyRate", values: [0, 100e6] });
  assert.equal(swept.verdict, null);
  assert.match(
    ((await setCampaignBaseline({ campaignId: onlyPostcopy.id, setBy: "ops@lab.test" })) as { message: string })
      .message,
    /default migration settings/,
  );
  // The series counts the 3 default runs, not the other 15.
  const series = (await listSeries({ testbedId: testbed.id })).find((s) => s.profileId === profile.id)!;
  assert.equal(series.runs, 3);
});
