/**
 * A runner in its own process: claims queued runs from DATABASE_URL and executes them.
 * Several workers (and the app's own runner) can share one database. Run: npm run worker
 */
import { startRunner } from "../lib/runner/start";

const maxParallel = Number(process.env.MIGBENCH_WORKER_PARALLEL ?? 8);
startRunner({ maxParallel }).catch((error) => {
  console.error(error);
  process.exit(1);
});
