import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db, dbKind } from "@/lib/db/client";
import { WORKER_LIVE_MS } from "@/lib/db/workers";
import { databaseState, isDatabaseUnreachable, noteDatabaseState } from "@/lib/http/database-state";

/*
 * The database's health for this process: a watch that pings it every few seconds (what the proxy
 * answers 503 from while it is unreachable) and the summary GET /api/health and GET /metrics report.
 */

const WATCH_MS = 2_000;
const PING_TIMEOUT_MS = 3_000;

function lastLine(error: unknown): string {
  const lines = String(error instanceof Error ? error.message : error)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? "unknown error").slice(0, 200);
}

/** Asks the database a trivial question within a few seconds; records and returns what it found. */
export async function pingDatabase(): Promise<{ reachable: boolean; latencyMs: number; reason: string | null }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS / 1000} s`)), PING_TIMEOUT_MS);
      }),
    ]);
    noteDatabaseState(true);
    return { reachable: true, latencyMs: Math.round(performance.now() - started), reason: null };
  } catch (error) {
    const reason = lastLine(error);
    noteDatabaseState(false, reason);
    return { reachable: false, latencyMs: Math.round(performance.now() - started), reason };
  } finally {
    clearTimeout(timer);
  }
}

const globalForWatch = globalThis as unknown as { migbenchDatabaseWatch?: NodeJS.Timeout };

/** Pings the database every 2 s for as long as the process runs (the app's server starts it). */
export function startDatabaseWatch(): void {
  if (globalForWatch.migbenchDatabaseWatch) return;
  void pingDatabase();
  globalForWatch.migbenchDatabaseWatch = setInterval(() => void pingDatabase(), WATCH_MS);
  globalForWatch.migbenchDatabaseWatch.unref?.();
}

/** Records a request's database failure, so the next requests get 503 at once; true when it was one. */
export function noteDatabaseFailure(error: unknown): boolean {
  if (!isDatabaseUnreachable(error)) return false;
  noteDatabaseState(false, lastLine(error));
  return true;
}

/** Migrations in the folder for this database, and how many it has applied. */
async function migrationCounts(): Promise<{ expected: number; applied: number }> {
  const folder = path.join(
    /*turbopackIgnore: true*/ process.cwd(),
    "prisma",
    dbKind === "postgresql" ? "migrations-postgresql" : "migrations",
  );
  const expected = fs.existsSync(folder)
    ? fs.readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory()).length
    : 0;
  const [{ n }] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  return { expected, applied: Number(n) };
}

export type HealthSummary = {
  status: "ok" | "degraded" | "down";
  database: { kind: string; reachable: boolean; latencyMs: number; since: string | null };
  migrations: { applied: number; expected: number; current: boolean } | null;
  workers: { live: number; byTestbed: { testbedId: number; live: number }[]; servingAll: number } | null;
  queue: {
    depth: number;
    running: number;
    oldestQueuedAt: string | null;
    oldestQueuedAgeSeconds: number | null;
  } | null;
};

const CACHE_MS = 2_000;
const globalForHealth = globalThis as unknown as {
  migbenchHealth?: { at: number; settled: boolean; summary: Promise<HealthSummary> };
};

/**
 * The health summary at most CACHE_MS old, computed once however many ask at the same time: a flood of
 * anonymous health checks costs the database one summary every two seconds, not one each.
 */
export function cachedHealthSummary(): Promise<HealthSummary> {
  const cached = globalForHealth.migbenchHealth;
  if (cached && (!cached.settled || Date.now() - cached.at < CACHE_MS)) return cached.summary;
  const entry = { at: Date.now(), settled: false, summary: healthSummary() };
  void entry.summary.finally(() => (entry.settled = true));
  globalForHealth.migbenchHealth = entry;
  return entry.summary;
}

/**
 * What a load balancer or monitor needs: the database reachable (and how fast), migrations current, live
 * workers (per testbed id), queue depth and the oldest queued run. No secret, no name, and not why the
 * database is unreachable (the driver's words name hosts and users; the server's log has them).
 */
export async function healthSummary(now = new Date()): Promise<HealthSummary> {
  const ping = await pingDatabase();
  const state = databaseState();
  const database = {
    kind: dbKind,
    reachable: ping.reachable,
    latencyMs: ping.latencyMs,
    since: state.since ? new Date(state.since).toISOString() : null,
  };
  if (!ping.reachable) return { status: "down", database, migrations: null, workers: null, queue: null };
  try {
    const [counts, liveWorkers, depth, running, oldest] = await Promise.all([
      migrationCounts(),
      db.worker.findMany({
        where: { stoppedAt: null, lastSeenAt: { gt: new Date(now.getTime() - WORKER_LIVE_MS) } },
        select: { testbedsJson: true },
      }),
      db.run.count({ where: { status: "queued" } }),
      db.run.count({ where: { status: "running" } }),
      db.run.findFirst({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    ]);
    const byTestbed = new Map<number, number>();
    let servingAll = 0;
    for (const w of liveWorkers) {
      const ids = w.testbedsJson ? (JSON.parse(w.testbedsJson) as number[]) : null;
      if (!ids) servingAll++;
      else for (const id of ids) byTestbed.set(id, (byTestbed.get(id) ?? 0) + 1);
    }
    const migrations = { ...counts, current: counts.applied >= counts.expected };
    const workers = {
      live: liveWorkers.length,
      servingAll,
      byTestbed: [...byTestbed].sort((a, b) => a[0] - b[0]).map(([testbedId, live]) => ({ testbedId, live })),
    };
    const queue = {
      depth,
      running,
      oldestQueuedAt: oldest?.createdAt.toISOString() ?? null,
      oldestQueuedAgeSeconds: oldest ? Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000) : null,
    };
    // Runs wait with nobody to take them, or the schema is behind: up, but not well.
    const degraded = !migrations.current || (depth > 0 && liveWorkers.length === 0);
    return { status: degraded ? "degraded" : "ok", database, migrations, workers, queue };
  } catch (error) {
    noteDatabaseFailure(error);
    return {
      status: "down",
      database: { ...database, reachable: false },
      migrations: null,
      workers: null,
      queue: null,
    };
  }
}
