/**
 * The migrations CLI (lib/db/migrate.ts does the work):
 *
 *   tsx scripts/db-migrate.ts apply            apply pending prisma/migrations to DATABASE_URL
 *   tsx scripts/db-migrate.ts create <name>    write prisma/migrations/<ts>_<name>/migration.sql
 *                                              from the difference between the migrations and
 *                                              prisma/schema.prisma
 */
import path from "node:path";
import { applyMigrations, createMigration } from "../lib/db/migrate";
import { resolveDatabaseUrl } from "../lib/db/url";

const root = path.resolve(__dirname, "..");

async function main() {
  const [command, name] = process.argv.slice(2);
  if (command === "apply") {
    const url = resolveDatabaseUrl();
    const applied = await applyMigrations(url);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${url}: ${applied.join(", ")}`
        : `Database ${url} is up to date.`,
    );
  } else if (command === "create") {
    if (!name) throw new Error("usage: npm run db:new-migration -- <name>");
    const dir = await createMigration(name);
    console.log(
      dir ? `Created ${path.relative(root, dir)}/migration.sql` : "Schema and migrations agree: nothing to create.",
    );
  } else {
    throw new Error("usage: tsx scripts/db-migrate.ts apply | create <name>");
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
