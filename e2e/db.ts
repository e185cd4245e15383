import { createHash } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { expect } from "@playwright/test";

/**
 * The test server's database (scripts/e2e-server.sh): a SQLite file by default, or the PostgreSQL
 * database E2E_DATABASE_URL names (scripts/e2e-tests.sh --postgresql). SQL here is written once for
 * both: identifiers in double quotes, `?` for parameters.
 */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db";
const onPostgres = /^postgres(ql)?:\/\//.test(E2E_DATABASE_URL);
const sqliteFile = () => path.resolve(process.cwd(), E2E_DATABASE_URL.replace(/^file:/, ""));

let pool: pg.Pool | undefined;
function postgres(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 2, allowExitOnIdle: true });
  return pool;
}
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Runs a read-only query on the test database. */
export async function query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  if (onPostgres) return (await postgres().query(numbered(sql), params)).rows as T[];
  const db = new Database(sqliteFile(), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Writes to the test database behind the app's back (statements that return nothing). */
async function exec(...statements: string[]) {
  if (onPostgres) {
    for (const sql of statements) await postgres().query(sql);
    return;
  }
  const db = new Database(sqliteFile(), { fileMustExist: true, timeout: 15_000 });
  try {
    for (const sql of statements) db.exec(sql);
  } finally {
    db.close();
  }
}

/**
 * Deletes a campaign a test made on shared rows (the seeded testbed), with its runs: later specs count
 * the seeded testbed's campaigns and runs. SQLite cascades only with foreign keys on.
 */
export async function deleteCampaign(id: number) {
  await exec(
    ...(onPostgres ? [] : ["PRAGMA foreign_keys = ON"]),
    `DELETE FROM "Campaign" WHERE "id" = ${Math.trunc(id)}`,
  );
}

/** Rows in a table. */
export async function countRows(table: string): Promise<number> {
  return Number((await query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "${table}"`))[0].n);
}

/** The application's tables, but for the migrations' bookkeeping and the write counter's. */
async function appTables(): Promise<string[]> {
  const rows = await query<{ name: string }>(
    onPostgres
      ? `SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
  );
  return rows.map((r) => r.name).filter((name) => !["_prisma_migrations", "_e2e_writes"].includes(name));
}

/**
 * Tables and rows that record refusals rather than change anything: the sign-in and refusal counters
 * (SignInCounter) and the audit log's entries of refused requests (action access.*). A refused request
 * writes these by design (lib/auth/refusals.ts); "nothing written" means nothing else.
 */
const SECURITY_RECORD = "SignInCounter";
const REFUSAL_ENTRY = `"action" NOT LIKE 'access.%'`;

/**
 * Counts every write to the test database except the runners' own heartbeat (the Worker table, written
 * every 2 s whatever requests do) and the security record above: a trigger per table adds a row to
 * `_e2e_writes` for each row inserted, updated or deleted, inside the writing transaction (a rolled-back
 * write counts nothing). Installed once by e2e/global-setup.ts; equal counts around a request mean it
 * wrote nothing.
 */
export async function installWriteCounter() {
  const tables = (await appTables()).filter((name) => name !== "Worker" && name !== SECURITY_RECORD);
  if (onPostgres) {
    // An insert per write, not a counter row: concurrent transactions never wait on each other for it.
    await exec(
      `CREATE TABLE IF NOT EXISTS "_e2e_writes" ("at" TIMESTAMPTZ NOT NULL DEFAULT now())`,
      `CREATE OR REPLACE FUNCTION "_e2e_count_write"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO "_e2e_writes" DEFAULT VALUES; RETURN NULL; END $$`,
      ...tables.map((name) =>
        name === "AuditEvent"
          ? // PostgreSQL lets only an INSERT trigger's condition read the new row.
            `CREATE OR REPLACE TRIGGER "_e2e_${name}" AFTER INSERT ON "${name}"
            FOR EACH ROW WHEN (NEW.${REFUSAL_ENTRY}) EXECUTE FUNCTION "_e2e_count_write"()`
          : `CREATE OR REPLACE TRIGGER "_e2e_${name}" AFTER INSERT OR UPDATE OR DELETE ON "${name}"
            FOR EACH ROW EXECUTE FUNCTION "_e2e_count_write"()`,
      ),
      `CREATE OR REPLACE TRIGGER "_e2e_AuditEvent_change" AFTER UPDATE OR DELETE ON "AuditEvent"
        FOR EACH ROW EXECUTE FUNCTION "_e2e_count_write"()`,
    );
    return;
  }
  await exec(
    `CREATE TABLE IF NOT EXISTS "_e2e_writes" ("at" INTEGER NOT NULL DEFAULT 0)`,
    ...tables.flatMap((name) =>
      ["INSERT", "UPDATE", "DELETE"].map(
        (change) => `CREATE TRIGGER IF NOT EXISTS "_e2e_${name}_${change}" AFTER ${change} ON "${name}"
          ${name === "AuditEvent" && change === "INSERT" ? `WHEN NEW.${REFUSAL_ENTRY}` : ""}
          BEGIN INSERT INTO "_e2e_writes" ("at") VALUES (0); END`,
      ),
    ),
  );
}

/** Writes so far (see installWriteCounter). */
export function writeCount(): Promise<number> {
  return countRows("_e2e_writes");
}

/**
 * Row count and a content hash of every table: equal snapshots mean nothing was written. The Worker
 * table is the runners' own heartbeat (every 2 s, whatever requests do): only its row count is compared;
 * the security record (refusals, counters) is left out.
 */
export async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await appTables()) {
    if (name === SECURITY_RECORD) continue;
    // Every table's first column is its primary key.
    const rows = await query(
      `SELECT * FROM "${name}" ${name === "AuditEvent" ? `WHERE ${REFUSAL_ENTRY}` : ""} ORDER BY 1`,
    );
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
    .poll(
      async () =>
        Number(
          (await query<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "Run" WHERE "status" IN ('queued', 'running')`))[0]
            .n,
        ),
      { timeout: 60_000 },
    )
    .toBe(0);
}

/**
 * Inserts a row behind the app's back and returns its id: how a test plants rows the forms would now
 * refuse (settings stored before a rule existed).
 */
async function insert(table: string, row: Record<string, unknown>): Promise<number> {
  const columns = Object.keys(row);
  const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
  const values = Object.values(row);
  if (onPostgres) return Number((await postgres().query(`${numbered(sql)} RETURNING "id"`, values)).rows[0].id);
  const db = new Database(sqliteFile(), { fileMustExist: true, timeout: 10_000 });
  try {
    return Number(db.prepare(sql).run(...values).lastInsertRowid);
  } finally {
    db.close();
  }
}

/** Plants a testbed with raw connection settings and one link; returns their ids. */
export async function plantTestbed(
  name: string,
  hypervisor: string,
  connection: Record<string, unknown>,
): Promise<{ testbedId: number; linkId: number; name: string }> {
  // Prisma keeps DateTime as ISO text in SQLite, as a timestamp in PostgreSQL.
  const now = onPostgres ? new Date() : new Date().toISOString();
  const testbedId = await insert("Testbed", {
    ...{ name, hypervisor, sourceHost: "src-host", destinationHost: "dst-host" },
    ...{ connectionJson: JSON.stringify(connection), notes: "", maxConcurrentRuns: 1, linkScale: 1 },
    ...{ createdAt: now, updatedAt: now },
  });
  const linkId = await insert("Link", { testbedId, name: "10GbE", lineRateGbps: 10, createdAt: now });
  return { testbedId, linkId, name };
}

/** Sets one run's status and time behind the app's back: a status filter needs runs that differ. */
export async function setRunResult(id: number, status: string, durationMs: number | null) {
  if (!/^[a-z]+$/.test(status)) throw new Error(`not a status: ${status}`);
  await exec(
    `UPDATE "Run" SET "status" = '${status}', "durationMs" = ${durationMs === null ? "NULL" : Math.trunc(durationMs)} WHERE "id" = ${Math.trunc(id)}`,
  );
}
