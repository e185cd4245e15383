import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { applyMigrations } from "@/lib/db/migrate";

/**
 * A fresh, migrated SQLite file for a test file, named by DATABASE_URL. Call it before anything
 * imports lib/db/client (which opens DATABASE_URL once per process).
 */
export async function createTestDatabase(): Promise<{ url: string; cleanup: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  return { url, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh database for the test file that calls this at its top: created before its first test and
 * removed after its last (node:test hooks). Its URL is readable once the tests run.
 */
export function withTestDatabase(): { readonly url: string } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database?.cleanup());
  return {
    get url() {
      if (!database) throw new Error("the test database is created before the first test");
      return database.url;
    },
  };
}
