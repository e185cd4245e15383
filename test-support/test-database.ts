import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
