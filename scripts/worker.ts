/**
 * A runner in its own process, on this host or any other that reaches DATABASE_URL: applies pending
 * migrations, then claims queued runs and executes them. Several workers (and the app's own runner)
 * share one database. Run: npm run worker
 *
 *   MIGBENCH_WORKER_TESTBEDS=3,7        serve only these testbeds (ids or names); unset: every testbed
 *   MIGBENCH_WORKER_PARALLEL=8          runs this worker migrates at once (each testbed has its own limit)
 *   MIGBENCH_WORKER_POLL_MS=250         how often it looks for queued runs (10–10000 ms)
 */
import { resolveDatabaseUrl } from "../lib/db/url";
import { applyMigrations } from "../lib/db/migrate";

async function main() {
  const url = resolveDatabaseUrl();
  await applyMigrations(url);
  const { resolveWorkerTestbeds } = await import("../lib/runner/worker-testbeds");
  const testbeds = await resolveWorkerTestbeds(process.env.MIGBENCH_WORKER_TESTBEDS);
  if ("problem" in testbeds) throw new Error(testbeds.problem);
  const { startRunner } = await import("../lib/runner/start");
  const runner = await startRunner({
    maxParallel: Number(process.env.MIGBENCH_WORKER_PARALLEL ?? 8),
    pollMs: Math.min(10_000, Math.max(10, Number(process.env.MIGBENCH_WORKER_POLL_MS ?? 250) || 250)),
    keepProcessAlive: true,
    testbedIds: testbeds.ids,
  });
  console.log(
    `[migbench worker] ${runner.workerId} serves ${testbeds.ids ? `testbeds ${testbeds.ids.join(", ")}` : "every testbed"}`,
  );
}

main().catch((error) => {
  console.error(`migbench worker could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
