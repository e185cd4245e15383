import { ALL_CAPABLE } from "@/lib/hypervisors/common/capabilities";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import type { HypervisorAdapter } from "@/lib/hypervisors/types";
import { runnerFixtures } from "../../test-support/runner-fixtures";
import { waitFor } from "../../test-support/wait";

// What becomes of runs whose worker died, and of runs that cannot be attempted.
// A fresh database, testbeds, profiles, campaigns and fast runners (test-support/runner-fixtures.ts);
// the database's modules are read from `fixtures` inside tests (they are loaded by its `before`).
const fixtures = runnerFixtures();
const { makeTestbed, makeProfile, launch, runner, GiB } = fixtures;

test("after a worker crash its run becomes interrupted, and a re-run completes it", async () => {
  const tb = await makeTestbed();
  const once = await makeProfile("once");
  const { id } = await launch(tb.id, [tb.links[0].id], [once.id], { timeScale: 1 });
  // A real worker process claims the run, then dies without a chance to clean up.
  const worker = spawn(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", path.join(process.cwd(), "bin", "worker.ts")],
    {
      env: { ...process.env, DATABASE_URL: fixtures.databaseUrl },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const claimed = await waitFor("the worker to claim the run", async () =>
    fixtures.db.run.findFirst({
      where: { campaignId: id, status: "running", claimedBy: { contains: `:${worker.pid}:` } },
    }),
  );
  worker.kill("SIGKILL");
  await new Promise((r) => worker.once("exit", r));
  assert.equal(
    (await fixtures.db.run.findUniqueOrThrow({ where: { id: claimed.id } })).status,
    "running",
    "left running by the crash",
  );

  const r = runner();
  await r.start();
  const recovered = await fixtures.db.run.findUniqueOrThrow({ where: { id: claimed.id } });
  assert.equal(recovered.status, "interrupted");
  assert.match(recovered.errorReason!, /Re-run it/);

  // A worker on another host that is still beating is left alone; a silent one is recovered.
  const other = await launch(tb.id, [tb.links[1].id], [once.id], { iterations: 2, timeScale: 1 });
  const [alive, silent] = await fixtures.db.run.findMany({ where: { campaignId: other.id }, orderBy: { id: "asc" } });
  await fixtures.db.run.update({
    where: { id: alive.id },
    data: { status: "running", claimedBy: "elsewhere:1:a", heartbeatAt: new Date() },
  });
  await fixtures.db.run.update({
    where: { id: silent.id },
    data: { status: "running", claimedBy: "elsewhere:2:b", heartbeatAt: new Date(Date.now() - 60_000) },
  });
  await r.tick();
  await r.stop();
  const r2 = runner({ staleMs: 15_000 });
  await r2.start();
  assert.equal((await fixtures.db.run.findUniqueOrThrow({ where: { id: alive.id } })).status, "running");
  assert.equal((await fixtures.db.run.findUniqueOrThrow({ where: { id: silent.id } })).status, "interrupted");
  await r2.stop();
  await fixtures.db.run.update({ where: { id: alive.id }, data: { status: "cancelled" } });

  const rerun = await fixtures.control.rerunRun({ id: claimed.id });
  assert.deepEqual(rerun, { ok: true, value: { attempt: 2, campaignId: id } });
  await fixtures.db.campaign.update({ where: { id }, data: { timeScale: 0 } });
  await runner().drain();
  const final = await fixtures.db.run.findUniqueOrThrow({ where: { id: claimed.id } });
  assert.equal(final.status, "succeeded");
  assert.equal(final.attempt, 2);
});

test("a run whose worker dies twice is stored as failed, not offered as interrupted again", async () => {
  const tb = await makeTestbed();
  const once = await makeProfile("once");
  const { id } = await launch(tb.id, [tb.links[0].id], [once.id]);
  const [run] = await fixtures.db.run.findMany({ where: { campaignId: id } });
  // A worker elsewhere claims it and falls silent (dies), twice.
  const dies = () =>
    fixtures.db.run.update({
      where: { id: run.id },
      data: { status: "running", claimedBy: "elsewhere:9:z", heartbeatAt: new Date(Date.now() - 60_000) },
    });
  await dies();
  const r = runner({ staleMs: 15_000 });
  await r.tick();
  assert.equal((await fixtures.db.run.findUniqueOrThrow({ where: { id: run.id } })).status, "interrupted");
  assert.ok((await fixtures.control.rerunRun({ id: run.id })).ok);
  await dies();
  await r.stop();
  // The next runner to start sweeps for dead workers' runs first.
  const r2 = runner({ staleMs: 15_000 });
  await r2.tick();
  await r2.stop();
  const after = await fixtures.db.run.findUniqueOrThrow({ where: { id: run.id } });
  assert.equal(after.status, "failed");
  assert.equal(after.workerDeaths, 2);
  assert.match(after.errorReason!, /died twice/);
});

test("a run whose stored profile is out of range fails with the reason before any adapter runs", async () => {
  const tb = await makeTestbed();
  // Stored before the bounds existed: 5e7 VMs once blew the worker's heap.
  const huge = await fixtures.db.vmProfile.create({
    data: { name: `huge ${fixtures.next()}`, memoryBytes: GiB, vmCount: 50_000_000, workload: "once" },
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
  const [run] = await fixtures.db.run.findMany({ where: { campaignId: id } });
  assert.equal(run.status, "failed");
  assert.match(run.errorReason!, /Not attempted: the VM profile has 50000000 VMs \(1 to 128\)/);
  assert.equal(called, false);
});
