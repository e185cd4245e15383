import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { applyMigrations } from "@/lib/db/setup/migrate";
import { postgresInstalled, startPostgres } from "@/lib/db/setup/throwaway-postgres";
import { launchTestCampaign } from "../../test-support/db-fixtures";
import { waitFor } from "../../test-support/wait";
import { assertFenced, startTestWorker, type TestWorker } from "../../test-support/workers";

/*
 * A PostgreSQL outage longer than a lease, with two real worker processes on a cluster of this test's own
 * (stopped and started again on the same port): the workers live through it, give up and re-queue the
 * runs they could not renew, and complete the campaign once the database is back — no run twice, no
 * worker death counted. (Before: both workers exited within a second on an unhandled rejection, and
 * nothing recovered until one was restarted by hand.)
 */

const LEASE_MS = 5_000;
const GiB = 1024 ** 3;
const skip = postgresInstalled() ? false : "needs Debian's postgresql package (scripts/debian-packages.sh)";

let cluster: ReturnType<typeof startPostgres> | undefined;
let db: typeof import("@/lib/db/client").db;
const workers: TestWorker[] = [];

before(async () => {
  if (skip) return;
  cluster = startPostgres();
  process.env.DATABASE_URL = cluster.url;
  await applyMigrations(cluster.url);
  ({ db } = await import("@/lib/db/client"));
});

after(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await db?.$disconnect();
  cluster?.stop();
});

test("workers live through a database outage longer than a lease and complete the campaign", { skip }, async () => {
  const { testbed, campaignId } = await launchTestCampaign(db, {
    name: "outage",
    memoryBytes: 16 * GiB,
    workload: "once",
    iterations: 4,
    timeScale: 2,
    maxConcurrentRuns: 2,
  });
  for (const name of ["E", "F"])
    workers.push(
      startTestWorker(
        name,
        cluster!.url,
        {
          MIGBENCH_LEASE_MS: String(LEASE_MS),
          MIGBENCH_WORKER_POLL_MS: "100",
          MIGBENCH_WORKER_TESTBEDS: String(testbed.id),
        },
        process.env.MIGBENCH_TEST_VERBOSE ? (line) => console.log(line) : undefined,
      ),
    );
  const runs = () => db.run.findMany({ where: { campaignId }, select: { id: true, status: true, workerDeaths: true } });
  await waitFor("two runs running", async () => (await runs()).filter((r) => r.status === "running").length === 2, {
    timeoutMs: 120_000,
    everyMs: 100,
  });
  await db.$disconnect();

  // The database goes away for two and a half leases.
  const downAt = Date.now();
  cluster!.pause();
  // A worker holding a run sees its renewal fail; one holding none may sit in a query the stopped database never
  // answers (both runs can go to one worker under load), so the first to notice is enough.
  await Promise.any(workers.map((w) => w.line(/lease renewal failed|runner tick failed/)));
  // A worker holding runs gives them up before another could take them.
  await Promise.race(workers.map((w) => w.line(/not renewed for/)));
  await new Promise((r) => setTimeout(r, 2.5 * LEASE_MS - (Date.now() - downAt)));
  cluster!.resume();
  const upAt = Date.now();

  await waitFor(
    "the campaign finished",
    async () => (await runs()).every((r) => ["succeeded", "failed", "interrupted"].includes(r.status)),
    { timeoutMs: 180_000, everyMs: 200 },
  );
  for (const w of workers) assert.equal(w.child.exitCode, null, `worker ${w.name} is alive after the outage`);
  assert.ok(
    workers.every((w) => !w.lines.some((l) => /unhandled failure/.test(l))),
    "no failure went unhandled",
  );
  assert.deepEqual(
    (await runs()).map((r) => r.workerDeaths),
    [0, 0, 0, 0],
    "the database was at fault, not the runs: no worker death counted",
  );
  assert.ok(workers.some((w) => w.lines.some((l) => /queued again/.test(l))));
  await Promise.all(workers.map((w) => w.stop()));
  await assertFenced(
    db,
    campaignId,
    workers.flatMap((w) => w.executions),
    [[downAt, upAt + 2_000]],
  );
});

test("a worker started while the database is down waits for it, then works", { skip }, async () => {
  const { testbed, campaignId } = await launchTestCampaign(db, {
    name: "started during an outage",
    memoryBytes: GiB,
    workload: "idle",
    timeScale: 0,
  });
  await db.$disconnect();
  cluster!.pause();
  const late = startTestWorker(
    "G",
    cluster!.url,
    { MIGBENCH_WORKER_POLL_MS: "100", MIGBENCH_WORKER_TESTBEDS: String(testbed.id) },
    process.env.MIGBENCH_TEST_VERBOSE ? (line) => console.log(line) : undefined,
  );
  workers.push(late);
  // Before: "migbench worker could not start: Can't reach database server", and the process was gone.
  await late.line(/the database cannot be reached; trying again/);
  cluster!.resume();
  await late.line(/serves testbeds/);
  await waitFor(
    "its run succeeded",
    async () => (await db.run.findMany({ where: { campaignId } })).every((r) => r.status === "succeeded"),
    { timeoutMs: 60_000, everyMs: 200 },
  );
  assert.equal(late.child.exitCode, null);
});
