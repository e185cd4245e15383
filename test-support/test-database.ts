import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import pg from "pg";
import { applyMigrations } from "@/lib/db/setup/migrate";

/** The database the database tests run on: SQLite unless MIGBENCH_TEST_DB=postgresql (scripts/unit-tests.sh). */
export const TEST_DB_KIND = process.env.MIGBENCH_TEST_DB === "postgresql" ? "postgresql" : "sqlite";

/**
 * A fresh, migrated database for a test file, named by DATABASE_URL: a SQLite file, or with
 * MIGBENCH_TEST_DB=postgresql a new database on the server of MIGBENCH_TEST_POSTGRES_URL (the throwaway
 * cluster the test command starts). Call it before anything imports lib/db/client (which opens
 * DATABASE_URL once per process).
 */
export async function createTestDatabase(): Promise<{ url: string; cleanup: () => void | Promise<void> }> {
  if (TEST_DB_KIND === "postgresql") return createPostgresqlTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  return { url, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function createPostgresqlTestDatabase() {
  const server = process.env.MIGBENCH_TEST_POSTGRES_URL;
  if (!server)
    throw new Error("MIGBENCH_TEST_DB=postgresql needs MIGBENCH_TEST_POSTGRES_URL (scripts/unit-tests.sh sets it)");
  const name = `t_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = server.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`);
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  return {
    url,
    async cleanup() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh database for the test file that calls this at its top: created before its first test and
 * removed after its last (node:test hooks). `ready` runs once it exists — the place to import modules
 * that open the database (node:test may run a file's other `before` hooks first). Its URL is readable
 * once the tests run.
 */
export function withTestDatabase(ready?: () => Promise<void>): { readonly url: string } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  before(async () => {
    database = await createTestDatabase();
    await ready?.();
  });
  // MIGBENCH_TEST_KEEP_DB=1 keeps it for a look after a failure (its URL is printed).
  after(() => (process.env.MIGBENCH_TEST_KEEP_DB ? console.log(`kept ${database?.url}`) : database?.cleanup()));
  return {
    get url() {
      if (!database) throw new Error("the test database is created before the first test");
      return database.url;
    },
  };
}
