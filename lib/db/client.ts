import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveDatabaseUrl } from "@/lib/db/url";

/** Creates a Prisma client on the SQLite file named by DATABASE_URL. */
export function createPrismaClient(url = resolveDatabaseUrl()): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }) });
  // A 32 MB page cache (SQLite's default is 2 MB): aggregates over 100,000 runs stay in memory.
  client.$executeRawUnsafe("PRAGMA cache_size = -32768").catch(() => {});
  return client;
}

// One client per process; dev-mode hot reload would otherwise open a new connection per edit.
const globalForPrisma = globalThis as unknown as { migbenchPrisma?: PrismaClient };
export const db = globalForPrisma.migbenchPrisma ?? createPrismaClient();
globalForPrisma.migbenchPrisma = db;
