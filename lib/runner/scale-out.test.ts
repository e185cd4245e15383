import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { TEST_DB_KIND, withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks } from "../../test-support/db-fixtures";
import { waitFor } from "../../test-support/wait";

/*
 * Four `npm run worker` processes on one PostgreSQL, 1,000 simulated runs on two testbeds: no run is
 * executed twice, no testbed ever runs more than its limit, and a worker killed with SIGKILL leaves
 * runs that become interrupted within 15 s and complete when re-run.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const skip =
  TEST_DB_KIND === "postgresql" ? false : "workers on other machines share a PostgreSQL (npm test runs this there)";

let db: typeof import("@/lib/db/client").db;
let rerunRun: typeof import("@/lib/db/run-life").rerunRun;
let createCampaignWithRuns: typeof import("@/lib/db/campaigns").createCampaignWithRuns;
const database = withTestDatabase(async () => {
  ({ db } = await import("@/lib/db/client"));
  ({ rerunRun } = await import("@/lib/db/run-life"));
  ({ createCampaignWithRuns } = await import("@/lib/db/campaigns"));
});

const workers: ChildProcess[] = [];
after(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await db?.$disconnect();
});

function startWorker(): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, MIGBENCH_WORKER_PARALLEL: "4" };
  delete env.MIGBENCH_WORKER_TESTBEDS;
  const child = spawn(process.execPath, ["--conditions", "react-server", "--import", "tsx", "bin/worker.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.push(child);
  return child;
}

/** Waits for what the database shows, checking every 100 ms, for up to 4 minutes (a loaded machine). */
const until = <T>(what: string, probe: () => Promise<T | null | false>) =>
  waitFor(what, probe, { timeoutMs: 240_000, everyMs: 100 });

const count = (where: object) => db.run.count({ where });

test(
  "4 workers, 1,000 runs: none twice, limits held, a killed worker's runs interrupted and re-run",
  { skip },
  async (t) => {
    const limits = [3, 5];
    const testbeds = [];
    for (const [i, maxConcurrentRuns] of limits.entries())
      testbeds.push(await createTestbedWithLinks(db, { name: `shared ${i}`, maxConcurrentRuns }));
    const profiles = [];
    for (let i = 0; i < 5; i++)
      profiles.push(
        await db.vmProfile.create({ data: { name: `p${i}`, memoryBytes: (i + 1) * 2 ** 30, workload: "once" } }),
      );
    // 2 links × 5 profiles × 50 iterations on each testbed; each run ~1 simulated second at 20× (≈ 60 ms).
    for (const tb of testbeds) {
      const launched = await createCampaignWithRuns({
        data: {
          name: `load ${tb.name}`,
          testbedId: tb.id,
          linkIds: tb.links.map((l) => l.id),
          profileIds: profiles.map((p) => p.id),
          iterations: 50,
          timeScale: 20,
        },
      });
      assert.ok(launched.ok);
    }
    assert.equal(await count({}), 1000);

    // Watch how many runs of each testbed are running, as every worker's claims commit.
    const peak = new Map<number, number>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const rows = await db.$queryRaw<{ t: number; n: number }[]>`
        SELECT c."testbedId" AS t, COUNT(*)::int AS n FROM "Run" r JOIN "Campaign" c ON c."id" = r."campaignId"
        WHERE r."status" = 'running' GROUP BY c."testbedId"`;
        for (const r of rows) peak.set(r.t, Math.max(peak.get(r.t) ?? 0, r.n));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    const [victim] = [startWorker(), startWorker(), startWorker(), startWorker()];
    await until("four workers to register", async () => (await db.worker.count({ where: { stoppedAt: null } })) >= 4);

    // Kill one worker mid-run, without warning.
    const victimId = await until("the victim to be migrating after 200 runs", async () => {
      if ((await count({ status: "succeeded" })) < 200) return null;
      const running = await db.run.findFirst({
        where: { status: "running", claimedBy: { contains: `:${victim.pid}:` } },
        select: { claimedBy: true },
      });
      return running?.claimedBy ?? null;
    });
    // Frozen first, so the runs it holds are still running when they are listed (a simulated run can end
    // between finding it and the kill), then killed.
    victim.kill("SIGSTOP");
    const orphans = (
      await db.run.findMany({ where: { claimedBy: victimId, status: "running" }, select: { id: true } })
    ).map((r) => r.id);
    victim.kill("SIGKILL");
    const killedAt = Date.now();
    assert.ok(orphans.length > 0);
    await until("the killed worker's runs to become interrupted", async () =>
      (await count({ id: { in: orphans }, status: "interrupted" })) === orphans.length ? true : null,
    );
    const recoveredMs = Date.now() - killedAt;
    assert.ok(recoveredMs <= 15_000, `interrupted after ${recoveredMs} ms`);

    for (const id of orphans) assert.ok((await rerunRun({ id })).ok);
    await until("all 1,000 runs to succeed", async () =>
      (await count({ status: "succeeded" })) === 1000 ? true : null,
    );
    watching = false;
    await watcher;

    // Nothing ran twice: a run executed by two workers would have each of its samples (a moment of a
    // pre-copy round) stored twice.
    const twice = await db.$queryRaw<{ n: number }[]>`
      SELECT COUNT(*)::int AS n FROM (
        SELECT "runId", "tMs", "round" FROM "Sample" GROUP BY "runId", "tMs", "round" HAVING COUNT(*) > 1
      ) d`;
    assert.equal(twice[0].n, 0, "a run's samples were written twice: two workers executed it");
    for (const [i, tb] of testbeds.entries())
      assert.ok(
        (peak.get(tb.id) ?? 0) <= limits[i],
        `testbed ${tb.name}: ${peak.get(tb.id)} running, limit ${limits[i]}`,
      );
    assert.ok(
      [...peak.values()].some((n) => n >= 2),
      "the watcher saw runs in parallel",
    );
    assert.equal(await count({ id: { in: orphans }, attempt: 2, status: "succeeded" }), orphans.length);
    t.diagnostic(
      `peak running per testbed: ${testbeds.map((tb, i) => `${peak.get(tb.id)}/${limits[i]}`).join(", ")}; ` +
        `${orphans.length} run(s) of the killed worker interrupted after ${(recoveredMs / 1000).toFixed(1)} s`,
    );
    for (const w of workers) if (w.exitCode === null) w.kill("SIGTERM");
  },
);
