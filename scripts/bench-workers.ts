/**
 * Worker scale-out (part of npm run bench): 1,000 instant simulated runs on 4 testbeds (8 concurrent runs
 * each), claimed by 1, 2 and 4 `npm run worker` processes, on a SQLite file and on a throwaway PostgreSQL.
 * Claims per second: runs ÷ (last claim − first claim); end-to-end runs per second: runs ÷ (last result −
 * first claim). Worker start-up is not counted. MIGBENCH_BENCH_WORKERS=0 skips it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { applyMigrations } from "../lib/db/setup/migrate";
import { postgresInstalled, startPostgres } from "../lib/db/setup/throwaway-postgres";

const ROOT = path.resolve(__dirname, "..");
const RUNS_PER_TESTBED = 250;
const TESTBEDS = 4;

type Sql = {
  query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  close: () => Promise<void>;
};

function sqliteSql(url: string): Sql {
  const file = new Database(url.replace(/^file:/, ""), { timeout: 15_000 });
  return {
    query: async (sql, params = []) => {
      const statement = file.prepare(sql.replace(/\$\d+/g, "?"));
      return statement.reader
        ? (statement.all(...params) as Record<string, unknown>[])
        : (statement.run(...params), []);
    },
    close: async () => void file.close(),
  };
}

async function postgresSql(url: string): Promise<Sql> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    close: () => client.end(),
  };
}

/** Queues the runs as a launch would: 4 testbeds × 1 link × 1 profile × 250 iterations. */
async function queueRuns(url: string) {
  const { createPrismaClient } = await import("../lib/db/client");
  const db = createPrismaClient(url);
  try {
    const profile = await db.vmProfile.create({
      data: { name: "bench 1 GiB", memoryBytes: 2 ** 30, workload: "once" },
    });
    for (let t = 1; t <= TESTBEDS; t++) {
      const testbed = await db.testbed.create({
        data: {
          name: `bench ${t}`,
          hypervisor: "simulator",
          sourceHost: "a",
          destinationHost: "b",
          maxConcurrentRuns: 8,
        },
      });
      const link = await db.link.create({ data: { testbedId: testbed.id, name: "10GbE", lineRateGbps: 10 } });
      const campaign = await db.campaign.create({
        data: {
          name: `bench ${t}`,
          testbedId: testbed.id,
          iterations: RUNS_PER_TESTBED,
          timeScale: 0,
          status: "queued",
        },
      });
      await db.run.createMany({
        data: Array.from({ length: RUNS_PER_TESTBED }, (_, i) => ({
          ...{ campaignId: campaign.id, linkId: link.id, profileId: profile.id },
          ...{ iteration: i + 1, status: "queued", adapter: "simulator", seed: i + 1 },
        })),
      });
    }
  } finally {
    await db.$disconnect();
  }
}

function startWorker(url: string): ChildProcess {
  return spawn(process.execPath, ["--conditions", "react-server", "--import", "tsx", "bin/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, MIGBENCH_WORKER_PARALLEL: "8", MIGBENCH_WORKER_POLL_MS: "20" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const asMs = (v: unknown) =>
  v instanceof Date ? v.getTime() : typeof v === "number" ? v : new Date(String(v)).getTime();

async function measure(url: string, sql: Sql, workers: number) {
  await queueRuns(url);
  const total = TESTBEDS * RUNS_PER_TESTBED;
  const procs = Array.from({ length: workers }, () => startWorker(url));
  try {
    const deadline = Date.now() + 600_000;
    for (;;) {
      const [row] = await sql.query(`SELECT COUNT(*) AS n FROM "Run" WHERE "status" IN ('succeeded', 'failed')`);
      if (Number(row.n) >= total) break;
      if (Date.now() > deadline) throw new Error("runs did not finish within 10 minutes");
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    for (const p of procs) p.kill("SIGTERM");
  }
  const [t] = await sql.query(
    `SELECT MIN("startedAt") AS first, MAX("startedAt") AS "lastClaim", MAX("finishedAt") AS "lastResult" FROM "Run"`,
  );
  // SQLite keeps Prisma's DateTime as ISO text; PostgreSQL as timestamps.
  const claimSeconds = (asMs(t.lastClaim) - asMs(t.first)) / 1000;
  const endSeconds = (asMs(t.lastResult) - asMs(t.first)) / 1000;
  return { claims: total / claimSeconds, runs: total / endSeconds, seconds: endSeconds };
}

export async function benchWorkers(line: (label: string, value: string) => void) {
  if (process.env.MIGBENCH_BENCH_WORKERS === "0") return;
  const kinds: ("sqlite" | "postgresql")[] = postgresInstalled() ? ["sqlite", "postgresql"] : ["sqlite"];
  const cluster = kinds.includes("postgresql") ? startPostgres() : null;
  try {
    for (const kind of kinds) {
      for (const workers of [1, 2, 4]) {
        let url: string;
        let scratch: string | null = null;
        if (kind === "sqlite") {
          scratch = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-bench-workers-"));
          url = `file:${path.join(scratch, "bench.db")}`;
        } else {
          url = await cluster!.createDatabase(`bench_${workers}`);
        }
        await applyMigrations(url);
        const sql = kind === "sqlite" ? sqliteSql(url) : await postgresSql(url);
        try {
          const r = await measure(url, sql, workers);
          line(
            `${kind === "sqlite" ? "SQLite" : "PostgreSQL"}, ${workers} worker${workers > 1 ? "s" : ""}: claims / end-to-end runs`,
            `${r.claims.toFixed(0)} claims/s, ${r.runs.toFixed(0)} runs/s (1,000 runs in ${r.seconds.toFixed(1)} s)`,
          );
        } finally {
          await sql.close();
          if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
        }
      }
    }
  } finally {
    cluster?.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  benchWorkers((label, value) => console.log(`${label.padEnd(58, ".")} ${value}`)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
