import { ALL_CAPABLE } from "@/lib/hypervisors/common/capabilities";
import { test } from "node:test";
import assert from "node:assert/strict";
import type { HypervisorAdapter } from "@/lib/hypervisors/types";
import { runnerFixtures } from "../../test-support/runner-fixtures";
import { waitFor } from "../../test-support/wait";

// A fresh database, testbeds, profiles, campaigns and fast runners (test-support/runner-fixtures.ts);
// the database's modules are read from `fixtures` inside tests (they are loaded by its `before`).
const fixtures = runnerFixtures();
const { makeTestbed, makeProfile, launch, runner } = fixtures;

test("launch writes the whole matrix as queued runs in one go", async () => {
  const tb = await makeTestbed();
  const once = await makeProfile("once");
  const cont = await makeProfile("continuous");
  const { id, runCount } = await launch(
    tb.id,
    tb.links.map((l) => l.id),
    [once.id, cont.id],
    { iterations: 3 },
  );
  assert.equal(runCount, 12);
  const runs = await fixtures.db.run.findMany({ where: { campaignId: id } });
  assert.equal(runs.length, 12);
  assert.ok(runs.every((r) => r.status === "queued" && r.adapter === "simulator" && r.seed !== null));
  assert.deepEqual([...new Set(runs.map((r) => r.iteration))].sort(), [1, 2, 3]);
  // A link of another testbed is refused and nothing is written.
  const other = await makeTestbed();
  const before = await fixtures.db.run.count();
  const refused = await fixtures.createCampaignWithRuns({
    data: {
      name: "x",
      testbedId: tb.id,
      linkIds: [other.links[0].id],
      profileIds: [once.id],
      iterations: 1,
      timeScale: 0,
    },
  });
  assert.equal(refused.ok, false);
  assert.equal(await fixtures.db.run.count(), before);
  await fixtures.db.run.deleteMany({ where: { campaignId: id } });
});

test("the runner claims queued runs, stores samples and results, and completes the campaign", async () => {
  const tb = await makeTestbed();
  const once = await makeProfile("once");
  const cont = await makeProfile("continuous");
  const { id } = await launch(
    tb.id,
    tb.links.map((l) => l.id),
    [once.id, cont.id],
    { iterations: 2 },
  );
  const r = runner();
  await r.drain();
  const runs = await fixtures.db.run.findMany({
    where: { campaignId: id },
    include: { link: true, profile: true, _count: { select: { samples: true } } },
  });
  assert.equal(runs.length, 8);
  // Nothing went wrong: no lease counted lost (a run leaving "running" as it finishes is no loss).
  assert.equal(r.stats.leasesLost, 0);
  for (const run of runs) {
    assert.equal(run.status, "succeeded", `${run.id}: ${run.errorReason}`);
    assert.ok(run.durationMs! > 0 && run.transferredBytes! > 0 && run.throughputGbps! > 0);
    assert.ok(run._count.samples >= 10, `run ${run.id} has ${run._count.samples} samples`);
    assert.equal(run.claimedBy, r.workerId);
  }
  // The calibrated simulator: 40GbE continuous is several times faster than 10GbE continuous.
  const mean = (link: string, w: string) => {
    const xs = runs.filter((x) => x.link.name === link && x.profile.workload === w).map((x) => x.durationMs!);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  assert.ok(mean("10GbE", "continuous") / mean("40GbE", "continuous") > 3);
  // Iterations differ a little, like real ones.
  const iterations = runs
    .filter((x) => x.link.name === "10GbE" && x.profile.workload === "once")
    .map((x) => x.durationMs);
  assert.notEqual(iterations[0], iterations[1]);
  const campaign = await fixtures.db.campaign.findUniqueOrThrow({ where: { id } });
  assert.equal(campaign.status, "completed");
  assert.ok(campaign.startedAt && campaign.finishedAt);
});

test("failures are stored as failed runs with their reason", async () => {
  const tb = await makeTestbed();
  const hopeless = await makeProfile("continuous", { dirtyRateBytesPerSec: 5e9 });
  const noAdapter = await makeTestbed({ hypervisor: "hyperv" });
  const once = await makeProfile("once", { memoryGiB: 1 });
  const a = await launch(tb.id, [tb.links[0].id], [hopeless.id]);
  const b = await launch(noAdapter.id, [noAdapter.links[0].id], [once.id]);
  const crashing: HypervisorAdapter = {
    kind: "crashing",
    label: "crashes",
    settingsProblems: () => [],
    capabilities: () => ALL_CAPABLE,
    check: async () => ({ ok: true, problems: [], details: [] }),
    migrate: async () => {
      throw new Error("socket hang up");
    },
  };
  const crashTb = await makeTestbed({ hypervisor: "crashing" });
  const c = await launch(crashTb.id, [crashTb.links[0].id], [once.id]);
  const { getAdapter } = await import("@/lib/hypervisors/registry");
  await runner({ getAdapter: (k) => (k === "crashing" ? crashing : getAdapter(k)) }).drain();

  const [ra] = await fixtures.db.run.findMany({ where: { campaignId: a.id } });
  assert.equal(ra.status, "failed");
  assert.match(ra.errorReason!, /does not converge/);
  assert.match(ra.errorReason!, /faster/);
  const [rb] = await fixtures.db.run.findMany({ where: { campaignId: b.id } });
  assert.equal(rb.status, "failed");
  assert.match(
    rb.errorReason!,
    /No adapter for hypervisor "hyperv" in this build \(available: simulator, qemu, vsphere, libvirt\)/,
  );
  const [rc] = await fixtures.db.run.findMany({ where: { campaignId: c.id } });
  assert.equal(rc.status, "failed");
  assert.match(rc.errorReason!, /crashing adapter crashed: socket hang up/);
  assert.equal((await fixtures.db.campaign.findUniqueOrThrow({ where: { id: a.id } })).status, "failed");
});

test("cancel: a queued run at once, a running run through its worker", async (t) => {
  const tb = await makeTestbed({ maxConcurrentRuns: 1 });
  const once = await makeProfile("once");
  // Real time: a 16 GiB migration over 10GbE takes ~17 s, long enough to cancel mid-way.
  const { id } = await launch(tb.id, [tb.links[0].id], [once.id], { iterations: 2, timeScale: 1 });
  const r = runner();
  t.after(() => r.stop());
  await r.start();
  const running = await waitFor("a running run with samples", async () => {
    const run = await fixtures.db.run.findFirst({
      where: { campaignId: id, status: "running" },
      include: { _count: { select: { samples: true } } },
    });
    return run && run._count.samples > 0 ? run : null;
  });
  const queued = await fixtures.db.run.findFirstOrThrow({ where: { campaignId: id, status: "queued" } });
  const q = await fixtures.control.cancelRun({ id: queued.id });
  assert.deepEqual(q, { ok: true, value: { status: "cancelled", campaignId: id } });
  const c = await fixtures.control.cancelRun({ id: running.id });
  assert.deepEqual(c, { ok: true, value: { status: "cancelling", campaignId: id } });
  const done = await waitFor(
    "the running run to stop",
    async () => {
      const run = await fixtures.db.run.findUniqueOrThrow({ where: { id: running.id } });
      return run.status === "cancelled" ? run : null;
    },
    { timeoutMs: 5_000 },
  );
  assert.match(done.errorReason!, /Cancelled by the user/);
  assert.ok(done.finishedAt);
  // The worker stores the run, then refreshes its campaign: wait for that second write, not just the first.
  await waitFor("the campaign to be cancelled", async () =>
    (await fixtures.db.campaign.findUniqueOrThrow({ where: { id } })).status === "cancelled" ? true : null,
  );
  const again = await fixtures.control.cancelRun({ id: running.id });
  assert.equal(again.ok, false);
  await r.stop();
});

test("a testbed never runs more than its concurrency limit, even with two runners", async () => {
  const tb = await makeTestbed({ maxConcurrentRuns: 1 });
  const once = await makeProfile("once", { memoryGiB: 2 });
  const { id } = await launch(
    tb.id,
    tb.links.map((l) => l.id),
    [once.id],
    { iterations: 3, timeScale: 20 },
  );
  const r1 = runner();
  const r2 = runner();
  await Promise.all([r1.start(), r2.start()]);
  let maxRunning = 0;
  await waitFor(
    "all runs to finish",
    async () => {
      const running = await fixtures.db.run.count({ where: { campaignId: id, status: "running" } });
      maxRunning = Math.max(maxRunning, running);
      return (await fixtures.db.run.count({ where: { campaignId: id, status: "succeeded" } })) === 6;
    },
    { timeoutMs: 30_000 },
  );
  assert.equal(maxRunning, 1);
  const owners = new Set((await fixtures.db.run.findMany({ where: { campaignId: id } })).map((r) => r.claimedBy));
  assert.ok([...owners].every((o) => o === r1.workerId || o === r2.workerId));
  await Promise.all([r1.stop(), r2.stop()]);
});

test("cancelling and re-running as an operator keep the campaign's status in step with its runs", async () => {
  const { cancelRunAs, rerunRunAs } = await import("@/lib/operations/runs");
  const { cancelCampaignAs } = await import("@/lib/operations/campaigns");
  const operator = { kind: "user", userId: "u-ops", email: "ops@lab.test", name: "ops", role: "operator" } as const;
  const campaign = (id: number) => fixtures.db.campaign.findUniqueOrThrow({ where: { id } });
  const tb = await makeTestbed();
  const once = await makeProfile("once");
  const { id } = await launch(tb.id, [tb.links[0].id], [once.id], { iterations: 2 });
  const [first, second] = await fixtures.db.run.findMany({ where: { campaignId: id }, orderBy: { id: "asc" } });
  // What the JSON API answers is the operation's value: the run's status, nothing else.
  assert.deepEqual(await cancelRunAs(operator, first.id), { ok: true, value: { status: "cancelled" } });
  assert.deepEqual(await cancelRunAs(operator, second.id), { ok: true, value: { status: "cancelled" } });
  const cancelled = await campaign(id);
  assert.equal(cancelled.status, "cancelled");
  assert.ok(cancelled.finishedAt, "a campaign whose runs are all cancelled has finished");
  // A re-run reopens it; once the run succeeds it has finished again.
  assert.deepEqual(await rerunRunAs(operator, first.id), { ok: true, value: { attempt: 2 } });
  const reopened = await campaign(id);
  assert.equal(reopened.status, "running");
  assert.equal(reopened.finishedAt, null);
  await runner().drain();
  const again = await campaign(id);
  assert.equal(again.status, "completed");
  assert.ok(again.finishedAt && again.finishedAt >= cancelled.finishedAt!);
  // Cancelling a whole campaign answers its counts and leaves it cancelled.
  const other = await launch(tb.id, [tb.links[0].id], [once.id]);
  assert.deepEqual(await cancelCampaignAs(operator, other.id), { ok: true, value: { cancelled: 1, stopping: 0 } });
  assert.equal((await campaign(other.id)).status, "cancelled");
  // Each change is audited as the operator's.
  const audited = await fixtures.db.auditEvent.findMany({ where: { actorLabel: "ops@lab.test" } });
  assert.deepEqual(audited.map((a) => a.action).sort(), ["campaign.cancel", "run.cancel", "run.cancel", "run.rerun"]);
});
