import { createHash } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { expect } from "@playwright/test";

/** The test server's SQLite file (scripts/e2e-server.sh). */
export const E2E_DB_FILE = path.resolve(
  process.cwd(),
  (process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db").replace(/^file:/, ""),
);

/** Runs a read-only query on the test database. */
export function query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * Counts every write to the test database except the runners' own heartbeat (the Worker table, written
 * every 2 s whatever requests do): a trigger per table and change adds one to `_e2e_writes`. Installed
 * once by e2e/global-setup.ts; equal counts around a request mean it wrote nothing.
 */
export function installWriteCounter() {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true, timeout: 15_000 });
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS "_e2e_writes" ("n" INTEGER NOT NULL);
      INSERT INTO "_e2e_writes" SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM "_e2e_writes");`);
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('_prisma_migrations', '_e2e_writes', 'Worker')",
      )
      .all() as { name: string }[];
    for (const { name } of tables)
      for (const change of ["INSERT", "UPDATE", "DELETE"])
        db.exec(`CREATE TRIGGER IF NOT EXISTS "_e2e_${name}_${change}" AFTER ${change} ON "${name}"
          BEGIN UPDATE "_e2e_writes" SET "n" = "n" + 1; END`);
  } finally {
    db.close();
  }
}

/** Writes so far (see installWriteCounter). */
export function writeCount(): number {
  return query<{ n: number }>('SELECT "n" FROM "_e2e_writes"')[0].n;
}

/**
 * Row count and a content hash of every table: equal snapshots mean nothing was written. The Worker
 * table is the runners' own heartbeat (every 2 s, whatever requests do): only its row count is compared.
 */
export function snapshot(): Record<string, string> {
  const tables = query<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('_prisma_migrations', '_e2e_writes') ORDER BY name",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = query(`SELECT * FROM "${name}" ORDER BY rowid`);
    out[name] =
      name === "Worker"
        ? `${rows.length} rows`
        : `${rows.length} rows, ${createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 16)}`;
  }
  return out;
}

/** Waits until the server's runner has nothing queued or running (so tables stay still). */
export async function waitForIdleRunner() {
  await expect
    .poll(() => query<{ n: number }>("SELECT COUNT(*) AS n FROM Run WHERE status IN ('queued', 'running')")[0].n, {
      timeout: 60_000,
    })
    .toBe(0);
}

/**
 * Writes to the test database behind the app's back: how a test plants rows the forms would now
 * refuse (settings stored before a rule existed).
 */
export function execute(sql: string, ...params: unknown[]): number {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true, timeout: 10_000 });
  try {
    return Number(db.prepare(sql).run(...params).lastInsertRowid);
  } finally {
    db.close();
  }
}

/** Plants a testbed with raw connection settings and one link; returns their ids. */
export function plantTestbed(
  name: string,
  hypervisor: string,
  connection: Record<string, unknown>,
): { testbedId: number; linkId: number } {
  const now = new Date().toISOString();
  const testbedId = execute(
    `INSERT INTO Testbed (name, hypervisor, sourceHost, destinationHost, connectionJson, notes, maxConcurrentRuns, linkScale, createdAt, updatedAt) VALUES (?, ?, 'src-host', 'dst-host', ?, '', 1, 1, ?, ?)`,
    name,
    hypervisor,
    JSON.stringify(connection),
    now,
    now,
  );
  const linkId = execute(
    `INSERT INTO Link (testbedId, name, lineRateGbps, createdAt) VALUES (?, '10GbE', 10, ?)`,
    testbedId,
    now,
  );
  return { testbedId, linkId };
}
