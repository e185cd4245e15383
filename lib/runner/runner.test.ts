import { ALL_CAPABLE } from "@/lib/hypervisors/common/capabilities";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { createTestDatabase } from "@/test-support/test-database";
import type { HypervisorAdapter } from "@/lib/hypervisors/types";
import { createTestbedWithLinks } from "../../test-support/db-fixtures";
import { waitFor } from "../../test-support/wait";

// Modules that open the database are imported after DATABASE_URL points at a fresh file.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: typeof import("@/lib/db/client").db;
let Runner: typeof import("./runner").Runner;
let createCampaignWithRuns: typeof import("@/lib/db/campaigns").createCampaignWithRuns;
let control: typeof import("@/lib/db/run-life");
const runners: import("./runner").Runner[] = [];

before(async () => {
  database = await createTestDatabase();
  ({ db } = await import("@/lib/db/client"));
  ({ Runner } = await import("./runner"));
  ({ createCampaignWithRuns } = await import("@/lib/db/campaigns"));
  control = await import("@/lib/db/run-life");
});

after(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await db.$disconnect();
  await database.cleanup();
});

const GiB = 1024 ** 3;
let counter = 0;

async function makeTestbed({ hypervisor = "simulator", maxConcurrentRuns = 2 } = {}) {
  counter++;
  return createTestbedWithLinks(db, {
    name: `tb ${counter}`,
    hypervisor,
    maxConcurrentRuns,
    links: [
      { name: "10GbE", lineRateGbps: 10, modelEfficiency: 0.885, modelSetupMs: 400 },
      { name: "40GbE", lineRateGbps: 40, busLimitGbps: 27, modelEfficiency: 0.77, modelSetupMs: 400 },
    ],
  });
}

async function makeProfile(workload: string, over: { memoryGiB?: number; dirtyRateBytesPerSec?: number | null } = {}) {
  counter++;
  return db.vmProfile.create({
    data: {
      name: `p ${counter}`,
      memoryBytes: (over.memoryGiB ?? 16) * GiB,
      vmCount: 1,
      workload,
      dirtyRateBytesPerSec: over.dirtyRateBytesPerSec ?? (workload === "continuous" ? 525e6 : null),
    },
  });
}

async function launch(
  testbedId: number,
  linkIds: number[],
  profileIds: number[],
  { iterations = 1, timeScale = 0 } = {},
) {
  const result = await createCampaignWithRuns({
    data: { name: `c ${++counter}`, testbedId, linkIds, profileIds, iterations, timeScale },
  });
  assert.ok(result.ok, result.ok ? "" : result.message);
  return result.value;
}

function runner(options: ConstructorParameters<typeof Runner>[0] = {}) {
  const r = new Runner({ pollMs: 20, heartbeatMs: 100, sampleFlushMs: 50, ...options });
  runners.push(r);
  return r;
}

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
  const runs = await db.run.findMany({ where: { campaignId: id } });
  assert.equal(runs.length, 12);
  assert.ok(runs.every((r) => r.status === "queued" && r.adapter === "simulator" && r.seed !== null));
  assert.deepEqual([...new Set(runs.map((r) => r.iteration))].sort(), [1, 2, 3]);
  // A link of another testbed is refused and nothing is written.
  const other = await makeTestbed();
  const before = await db.run.count();
  const refused = await createCampaignWithRuns({
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
  assert.equal(await db.run.count(), before);
  await db.run.deleteMany({ where: { campaignId: id } });
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
  const runs = await db.run.findMany({
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
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id } });
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

  const [ra] = await db.run.findMany({ where: { campaignId: a.id } });
  assert.equal(ra.status, "failed");
  assert.match(ra.errorReason!, /did not converge/);
  assert.match(ra.errorReason!, /faster/);
  const [rb] = await db.run.findMany({ where: { campaignId: b.id } });
  assert.equal(rb.status, "failed");
  assert.match(
    rb.errorReason!,
    /No adapter for hypervisor "hyperv" in this build \(available: simulator, qemu, vsphere, libvirt\)/,
  );
  const [rc] = await db.run.findMany({ where: { campaignId: c.id } });
  assert.equal(rc.status, "failed");
  assert.match(rc.errorReason!, /crashing adapter crashed: socket hang up/);
  assert.equal((await db.campaign.findUniqueOrThrow({ where: { id: a.id } })).status, "failed");
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
    const run = await db.run.findFirst({
      where: { campaignId: id, status: "running" },
      include: { _count: { select: { samples: true } } },
    });
    return run && run._count.samples > 0 ? run : null;
  });
  const queued = await db.run.findFirstOrThrow({ where: { campaignId: id, status: "queued" } });
  const q = await control.cancelRun({ id: queued.id });
  assert.deepEqual(q, { ok: true, value: { status: "cancelled", campaignId: id } });
  const c = await control.cancelRun({ id: running.id });
  assert.deepEqual(c, { ok: true, value: { status: "cancelling", campaignId: id } });
  const done = await waitFor(
    "the running run to stop",
    async () => {
      const run = await db.run.findUniqueOrThrow({ where: { id: running.id } });
      return run.status === "cancelled" ? run : null;
    },
    { timeoutMs: 5_000 },
  );
  assert.match(done.errorReason!, /Cancelled by the user/);
  assert.ok(done.finishedAt);
  // The worker stores the run, then refreshes its campaign: wait for that second write, not just the first.
  await waitFor("the campaign to be cancelled", async () =>
    (await db.campaign.findUniqueOrThrow({ where: { id } })).status === "cancelled" ? true : null,
  );
  const again = await control.cancelRun({ id: running.id });
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
      const running = await db.run.count({ where: { campaignId: id, status: "running" } });
      maxRunning = Math.max(maxRunning, running);
      return (await db.run.count({ where: { campaignId: id, status: "succeeded" } })) === 6;
    },
    { timeoutMs: 30_000 },
  );
  assert.equal(maxRunning, 1);
  const owners = new Set((await db.run.findMany({ where: { campaignId: id } })).map((r) => r.claimedBy));
  assert.ok([...owners].every((o) => o === r1.workerId || o === r2.workerId));
  await Promise.all([r1.stop(), r2.stop()]);
});

test("after a worker crash its run becomes interrupted, and a re-run completes it", async () => {
  const tb = await makeTestbed();
  const once = await makeProfile("once");
  const { id } = await launch(tb.id, [tb.links[0].id], [once.id], { timeScale: 1 });
  // A real worker process claims the run, then dies without a chance to clean up.
  const worker = spawn(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", path.join(process.cwd(), "scripts", "worker.ts")],
    {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const claimed = await waitFor("the worker to claim the run", async () =>
    db.run.findFirst({ where: { campaignId: id, status: "running", claimedBy: { contains: `:${worker.pid}:` } } }),
  );
  worker.kill("SIGKILL");
  await new Promise((r) => worker.once("exit", r));
  assert.equal(
    (await db.run.findUniqueOrThrow({ where: { id: claimed.id } })).status,
    "running",
    "left running by the crash",
  );

  const r = runner();
  await r.start();
  const recovered = await db.run.findUniqueOrThrow({ where: { id: claimed.id } });
  assert.equal(recovered.status, "interrupted");
  assert.match(recovered.errorReason!, /Re-run it/);

  // A worker on another host that is still beating is left alone; a silent one is recovered.
  const other = await launch(tb.id, [tb.links[1].id], [once.id], { iterations: 2, timeScale: 1 });
  const [alive, silent] = await db.run.findMany({ where: { campaignId: other.id }, orderBy: { id: "asc" } });
  await db.run.update({
    where: { id: alive.id },
    data: { status: "running", claimedBy: "elsewhere:1:a", heartbeatAt: new Date() },
  });
  await db.run.update({
    where: { id: silent.id },
    data: { status: "running", claimedBy: "elsewhere:2:b", heartbeatAt: new Date(Date.now() - 60_000) },
  });
  await r.tick();
  await r.stop();
  const r2 = runner({ staleMs: 15_000 });
  await r2.start();
  assert.equal((await db.run.findUniqueOrThrow({ where: { id: alive.id } })).status, "running");
  assert.equal((await db.run.findUniqueOrThrow({ where: { id: silent.id } })).status, "interrupted");
  await r2.stop();
  await db.run.update({ where: { id: alive.id }, data: { status: "cancelled" } });

  const rerun = await control.rerunRun({ id: claimed.id });
  assert.deepEqual(rerun, { ok: true, value: { attempt: 2, campaignId: id } });
  await db.campaign.update({ where: { id }, data: { timeScale: 0 } });
  await runner().drain();
  const final = await db.run.findUniqueOrThrow({ where: { id: claimed.id } });
  assert.equal(final.status, "succeeded");
  assert.equal(final.attempt, 2);
});

test("a run whose worker dies twice is stored as failed, not offered as interrupted again", async () => {
  const tb = await makeTestbed();
  const once = await makeProfile("once");
  const { id } = await launch(tb.id, [tb.links[0].id], [once.id]);
  const [run] = await db.run.findMany({ where: { campaignId: id } });
  // A worker elsewhere claims it and falls silent (dies), twice.
  const dies = () =>
    db.run.update({
      where: { id: run.id },
      data: { status: "running", claimedBy: "elsewhere:9:z", heartbeatAt: new Date(Date.now() - 60_000) },
    });
  await dies();
  const r = runner({ staleMs: 15_000 });
  await r.tick();
  assert.equal((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status, "interrupted");
  assert.ok((await control.rerunRun({ id: run.id })).ok);
  await dies();
  await r.stop();
  // The next runner to start sweeps for dead workers' runs first.
  const r2 = runner({ staleMs: 15_000 });
  await r2.tick();
  await r2.stop();
  const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
  assert.equal(after.status, "failed");
  assert.equal(after.workerDeaths, 2);
  assert.match(after.errorReason!, /died twice/);
});

test("a run whose stored profile is out of range fails with the reason before any adapter runs", async () => {
  const tb = await makeTestbed();
  // Stored before the bounds existed: 5e7 VMs once blew the worker's heap.
  const huge = await db.vmProfile.create({
    data: { name: `huge ${++counter}`, memoryBytes: GiB, vmCount: 50_000_000, workload: "once" },
  });
  const { id } = await launch(tb.id, [tb.links[0].id], [huge.id]);
  let called = false;
  const spy: HypervisorAdapter = {
    kind: "simulator",
    label: "spy",
    settingsProblems: () => [],
    capabilities: () => ALL_CAPABLE,
    check: async () => ({ ok: true, problems: [], details: [] }),
    migrate: async () => {
      called = true;
      return { status: "failed", reason: "should not run" };
    },
  };
  await runner({ getAdapter: () => spy }).drain();
  const [run] = await db.run.findMany({ where: { campaignId: id } });
  assert.equal(run.status, "failed");
  assert.match(run.errorReason!, /Not attempted: the VM profile has 50000000 VMs \(1 to 128\)/);
  assert.equal(called, false);
});
