/**
 * A runner in its own process: applies pending migrations, then claims queued runs from
 * DATABASE_URL and executes them. Several workers (and the app's own runner) can share one
 * database. Run: npm run worker
 */
import { resolveDatabaseUrl } from "../lib/db/url";
import { applyMigrations } from "../lib/db/migrate";

async function main() {
  const url = resolveDatabaseUrl();
  await applyMigrations(url);
  const { startRunner } = await import("../lib/runner/start");
  await startRunner({ maxParallel: Number(process.env.MIGBENCH_WORKER_PARALLEL ?? 8), keepProcessAlive: true });
}

main().catch((error) => {
  console.error(`migbench worker could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
