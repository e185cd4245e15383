/**
 * The migrations CLI (lib/db/setup/migrate.ts does the work):
 *
 *   tsx bin/db-migrate.ts apply            apply pending migrations to DATABASE_URL (SQLite:
 *                                              prisma/migrations; PostgreSQL: prisma/migrations-postgresql)
 *   tsx bin/db-migrate.ts create <name>    write the next migration of both databases, with the same
 *                                              folder name, from the difference between each folder and
 *                                              prisma/schema.prisma (the PostgreSQL one on a throwaway
 *                                              cluster started for it)
 *   tsx bin/db-migrate.ts derive-postgresql <name>
 *                                              only the PostgreSQL one (after a SQLite migration written
 *                                              elsewhere)
 */
import path from "node:path";
import { applyMigrations, createSqliteMigration, migrationFolderName } from "../lib/db/setup/migrate";
import { derivePostgresqlMigration } from "../lib/db/setup/migrate-postgresql";
import { resolveDatabaseUrl } from "../lib/db/url";
import { postgresInstalled, startPostgres } from "../lib/db/setup/throwaway-postgres";

const root = path.resolve(__dirname, "..");

async function createPostgresqlMigration(folder: string): Promise<string | null> {
  if (!postgresInstalled()) throw new Error("Deriving the PostgreSQL migration needs Debian's postgresql package.");
  const cluster = startPostgres();
  try {
    return await derivePostgresqlMigration(cluster.url, folder);
  } finally {
    cluster.stop();
  }
}

async function main() {
  const [command, name] = process.argv.slice(2);
  const say = (dir: string | null, kind: string) =>
    console.log(
      dir
        ? `Created ${path.relative(root, dir)}/migration.sql`
        : `${kind}: schema and migrations agree, nothing to create.`,
    );
  if (command === "apply") {
    const url = resolveDatabaseUrl();
    const applied = await applyMigrations(url);
    const where = url.startsWith("file:") ? url : "PostgreSQL";
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
        : `Database ${where} is up to date.`,
    );
  } else if (command === "create" || command === "derive-postgresql") {
    if (!name) throw new Error(`usage: tsx bin/db-migrate.ts ${command} <name>`);
    const folder = migrationFolderName(name);
    if (command === "create") say(await createSqliteMigration(folder), "SQLite");
    say(await createPostgresqlMigration(folder), "PostgreSQL");
  } else {
    throw new Error("usage: tsx bin/db-migrate.ts apply | create <name> | derive-postgresql <name>");
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
