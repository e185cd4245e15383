import { after, test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import pg from "pg";
import { TEST_DB_KIND, withTestDatabase } from "@/test-support/test-database";
import { launchTestCampaign } from "../../test-support/db-fixtures";
import { waitFor } from "../../test-support/wait";
import { assertFenced, startTestWorker, type TestWorker } from "../../test-support/workers";

/*
 * Fenced leases with real worker processes (`npm run worker`), on SQLite and on PostgreSQL: a worker
 * paused with SIGSTOP while its runs are taken from it, and a database that stands still longer than a
 * lease. Whatever happens, a run is executed by one execution at a time, a testbed never runs more than
 * its limit, and an execution that lost its run writes nothing more of it. Times come from the workers'
 * own log lines (test-support/workers.ts).
 */

// Long enough for a loaded 2-core machine: a heartbeat every second, self-abort after 3 s unrenewed.
const LEASE_MS = 5_000;
const GiB = 1024 ** 3;

let db: typeof import("@/lib/db/client").db;
let rerunRun: typeof import("@/lib/db/run-life").rerunRun;
const database = withTestDatabase(async () => {
  ({ db } = await import("@/lib/db/client"));
  ({ rerunRun } = await import("@/lib/db/run-life"));
});

const workers: TestWorker[] = [];
after(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await db?.$disconnect();
});

function worker(name: string, testbedId: number): TestWorker {
  const w = startTestWorker(
    name,
    database.url,
    {
      MIGBENCH_LEASE_MS: String(LEASE_MS),
      MIGBENCH_WORKER_POLL_MS: "100",
      MIGBENCH_WORKER_TESTBEDS: String(testbedId),
    },
    // MIGBENCH_TEST_VERBOSE=1 shows the workers' logs.
    process.env.MIGBENCH_TEST_VERBOSE ? (line) => console.log(line) : undefined,
  );
  workers.push(w);
  return w;
}

/** Waits on what the database shows (every 100 ms, up to 3 minutes on a loaded machine). */
const until = <T>(what: string, probe: () => Promise<T | null | false>) =>
  waitFor(what, probe, { timeoutMs: 180_000, everyMs: 100 });

/** A testbed that runs 2 at once, and a campaign of `runs` simulated 16 GiB migrations of ~8 s each. */
async function campaignOf(name: string, runs: number) {
  const { testbed, campaignId } = await launchTestCampaign(db, {
    name,
    memoryBytes: 16 * GiB,
    workload: "once",
    iterations: runs,
    timeScale: 2,
    maxConcurrentRuns: 2,
  });
  return { testbedId: testbed.id, campaignId };
}

const runsOf = (campaignId: number) =>
  db.run.findMany({
    where: { campaignId },
    orderBy: { id: "asc" },
    select: { id: true, status: true, claimedBy: true, leaseToken: true, workerDeaths: true, attempt: true },
  });

test("a paused worker's runs, taken and re-run meanwhile, are not run twice: it stops them the moment it wakes", async () => {
  const { testbedId, campaignId } = await campaignOf("paused worker", 4);
  const a = worker("A", testbedId);
  const aId = /\[migbench worker\] (\S+) serves/.exec(await a.line(/\[migbench worker\] \S+ serves/))![1];
  await until("A running two runs with samples", async () => {
    const running = (await runsOf(campaignId)).filter((r) => r.status === "running");
    if (running.length < 2) return false;
    const sampled = await db.sample.groupBy({ by: ["runId"], where: { runId: { in: running.map((r) => r.id) } } });
    return sampled.length === 2;
  });
  const b = worker("B", testbedId);
  await b.line(/\[migbench worker\] .* serves/);

  a.child.kill("SIGSTOP");
  const stoppedAt = Date.now();
  // What A holds as it stops (read after the stop: nothing of A's can change now but by B taking it).
  const held = (await runsOf(campaignId)).filter((r) => r.status === "running" && r.claimedBy === aId);
  assert.ok(held.length >= 1, "A was migrating when it was paused");
  // B finds A's runs silent for a lease and recovers them; an operator re-runs them; B takes them.
  await until("A's runs recovered as interrupted", async () =>
    (await runsOf(campaignId)).filter((r) => held.some((h) => h.id === r.id)).every((r) => r.status === "interrupted"),
  );
  for (const run of held) assert.ok((await rerunRun({ id: run.id })).ok);
  await until("the re-runs taken by B", async () =>
    (await runsOf(campaignId))
      .filter((r) => held.some((h) => h.id === r.id))
      .every((r) => !["queued", "interrupted"].includes(r.status) && r.claimedBy !== aId),
  );

  const wokeAt = Date.now();
  a.child.kill("SIGCONT");
  await until("the campaign finished", async () =>
    (await runsOf(campaignId)).every((r) => ["succeeded", "failed"].includes(r.status)),
  );
  await Promise.all(workers.map((w) => w.stop()));

  // A's old executions stopped as soon as it woke, and said why.
  const stale = a.executions.filter(
    (e) =>
      held.some((h) => h.id === e.runId) && e.startedAt < stoppedAt && (e.endedAt === null || e.endedAt > stoppedAt),
  );
  assert.equal(stale.length, held.length);
  for (const e of stale) {
    assert.match(e.ended ?? "", /\(lease-(lost|expired)\)/, `A's execution of run ${e.runId} ended fenced`);
    assert.ok(e.endedAt! - wokeAt < 2_000, `A stopped run ${e.runId} ${e.endedAt! - wokeAt} ms after waking`);
  }
  assert.ok(a.lines.some((l) => /not renewed|lease lost/.test(l)));
  // A cannot stop anything before it wakes: judged from 2 s after (a loaded machine's margin).
  await assertFenced(db, campaignId, [...a.executions, ...b.executions], [[stoppedAt, wokeAt + 2_000]]);
});

test("a database that stands still for longer than a lease: no run taken from a live worker, none run twice, all complete", async () => {
  const { testbedId, campaignId } = await campaignOf("stalled database", 4);
  const a = worker("C", testbedId);
  const b = worker("D", testbedId);
  await until("two runs running with samples", async () => {
    const running = (await runsOf(campaignId)).filter((r) => r.status === "running");
    if (running.length < 2) return false;
    const sampled = await db.sample.groupBy({ by: ["runId"], where: { runId: { in: running.map((r) => r.id) } } });
    return sampled.length === 2;
  });

  // Another process holds the database still for longer than a lease (a write lock on SQLite, an
  // exclusive lock on the runs on PostgreSQL): every worker's writes wait behind it.
  const stallMs = 1.6 * LEASE_MS; // under SQLite's 10 s busy timeout: the workers wait rather than fail
  const stalledAt = Date.now();
  if (TEST_DB_KIND === "sqlite") {
    const holder = new Database(database.url.replace(/^file:/, ""));
    holder.exec("BEGIN IMMEDIATE");
    await new Promise((r) => setTimeout(r, stallMs));
    holder.exec("COMMIT");
    holder.close();
  } else {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('BEGIN; LOCK TABLE "Run" IN ACCESS EXCLUSIVE MODE');
    await new Promise((r) => setTimeout(r, stallMs));
    await holder.query("COMMIT");
    await holder.end();
  }
  const resumedAt = Date.now();

  await until("the campaign finished", async () =>
    (await runsOf(campaignId)).every((r) => ["succeeded", "failed", "interrupted"].includes(r.status)),
  );
  await Promise.all(workers.map((w) => w.stop()));
  const runs = await runsOf(campaignId);
  // The database was at fault, not the runs: none counted a worker death, none left interrupted.
  assert.deepEqual(
    runs.map((r) => r.workerDeaths),
    runs.map(() => 0),
  );
  assert.ok(
    [...a.lines, ...b.lines].some((l) => /queued again/.test(l)),
    "the runs given up while the database stood still were queued again by their own worker",
  );
  await assertFenced(db, campaignId, [...a.executions, ...b.executions], [[stalledAt, resumedAt + 2_000]]);
});
