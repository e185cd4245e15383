import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresqlPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/url";

/**
 * Creates a Prisma client on DATABASE_URL: a SQLite file, or a PostgreSQL server. Both clients come
 * from the one schema and have the same models and queries; the PostgreSQL one is typed as the SQLite
 * one so the rest of lib/db is written once.
 */
export function createPrismaClient(url = resolveDatabaseUrl()): PrismaClient {
  if (databaseKind(url) === "postgresql") {
    const adapter = new PrismaPg({
      connectionString: url,
      max: Number(process.env.MIGBENCH_DB_POOL ?? 10),
      // A server that stops answering (a partition, not a reset) must fail calls in seconds, not in
      // TCP's 15 minutes: runners give up their leases and pages answer 503 meanwhile.
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      query_timeout: 120_000,
      // A worker paused (SIGSTOP, a long GC) inside a transaction would hold its row locks — a claim's
      // lock on a testbed, a run's — and stall every other worker: the server ends such a session.
      idle_in_transaction_session_timeout: 15_000,
    });
    return new PostgresqlPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }) });
  // A 32 MB page cache (SQLite's default is 2 MB): aggregates over 100,000 runs stay in memory.
  client.$executeRawUnsafe("PRAGMA cache_size = -32768").catch(() => {});
  return client;
}

/** Which database this process uses (raw SQL that differs between the two asks this). */
export const dbKind = databaseKind(resolveDatabaseUrl());

// One client per process; dev-mode hot reload would otherwise open a new connection per edit.
const globalForPrisma = globalThis as unknown as { migbenchPrisma?: PrismaClient };
export const db = globalForPrisma.migbenchPrisma ?? createPrismaClient();
globalForPrisma.migbenchPrisma = db;
