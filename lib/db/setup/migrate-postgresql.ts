/**
 * PostgreSQL migrations: prisma/migrations-postgresql, derived from prisma/schema.prisma.
 *
 * Applying: the folder's SQL in order, each migration in its own transaction with the standard
 * `_prisma_migrations` bookkeeping (the table, columns and SHA-256 checksums Prisma's CLI writes), under
 * an advisory lock so two processes starting at once apply it once. The WASM schema engine cannot read
 * PostgreSQL's catalogs through the driver adapter (it stops at the catalogs' one-byte "char" columns),
 * so it is used only to write the SQL.
 *
 * Deriving: the engine's diff between two versions of the schema — the one the folder was last derived
 * from (`migrated-schema.prisma` in the folder) and the current one — written as the next migration.
 * Not "server-only": the CLI runs it.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { filters, MIGRATIONS_DIRS, readMigrations, schemaPath, withEngine } from "./schema-engine";
import { postgresqlSchemaOf } from "./schema-variants";

const DIR = MIGRATIONS_DIRS.postgresql;
/** The schema (SQLite form, as prisma/schema.prisma) that the PostgreSQL migrations produce. */
export const MIGRATED_SCHEMA = path.join(DIR, "migrated-schema.prisma");
/** Prisma's own lock number for migrations, so its CLI and migbench never apply at the same time. */
const ADVISORY_LOCK = 72707369;

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

function migrations(): { name: string; sql: string }[] {
  return readMigrations("postgresql").migrationDirectories.map((d) => ({
    name: d.path,
    sql: d.migrationFile.content.tag === "ok" ? d.migrationFile.content.value : "",
  }));
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function appliedNames(client: pg.Client): Promise<Set<string>> {
  const table = await client.query("SELECT to_regclass('_prisma_migrations') AS t");
  if (!table.rows[0].t) return new Set();
  const rows = await client.query<{ migration_name: string }>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  return new Set(rows.rows.map((r) => r.migration_name));
}

/** Migrations of prisma/migrations-postgresql not yet recorded as applied in the database. */
export async function pendingPostgresqlMigrations(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const done = await appliedNames(client);
    return migrations()
      .map((m) => m.name)
      .filter((name) => !done.has(name));
  });
}

/** Applies the pending PostgreSQL migrations in order; returns the names applied. */
export async function applyPostgresqlMigrations(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK]);
    try {
      await client.query(BOOKKEEPING);
      const done = await appliedNames(client);
      const applied: string[] = [];
      for (const { name, sql } of migrations()) {
        if (done.has(name)) continue;
        const id = randomUUID();
        const checksum = createHash("sha256").update(sql).digest("hex");
        try {
          await client.query("BEGIN");
          await client.query(
            'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
            [id, checksum, name],
          );
          await client.query(sql);
          await client.query(
            'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
            [id],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`Could not apply migration ${name} to PostgreSQL: ${(error as Error).message}`);
        }
        applied.push(name);
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK]);
    }
  });
}

/**
 * Writes the next PostgreSQL migration into `<folder>/migration.sql`: the difference between the schema
 * the folder was derived from and prisma/schema.prisma, computed by the engine connected to `serverUrl`
 * (any PostgreSQL; nothing is written to it). Returns the folder, or null when nothing changed.
 */
export async function derivePostgresqlMigration(serverUrl: string, folder: string): Promise<string | null> {
  const current = fs.readFileSync(schemaPath, "utf8");
  const migrated = fs.existsSync(MIGRATED_SCHEMA) ? fs.readFileSync(MIGRATED_SCHEMA, "utf8") : null;
  const files = (content: string) => [{ path: schemaPath, content: postgresqlSchemaOf(content) }];
  const sql = await withEngine(serverUrl, async (engine) => {
    const result = await engine.diff({
      from: migrated ? { tag: "schemaDatamodel", files: files(migrated) } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: files(current) },
      script: true,
      exitCode: null,
      filters,
    });
    return (result.stdout ?? "").trim();
  });
  if (!sql || /^-- This is an empty migration/.test(sql)) return null;
  const dir = path.join(DIR, folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  fs.writeFileSync(MIGRATED_SCHEMA, current);
  const lock = path.join(DIR, "migration_lock.toml");
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return dir;
}
