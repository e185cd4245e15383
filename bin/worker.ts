/**
 * A runner in its own process, on this host or any other that reaches DATABASE_URL: applies pending
 * migrations, then claims queued runs and executes them. Several workers (and the app's own runner)
 * share one database. Run: npm run worker
 *
 *   MIGBENCH_WORKER_TESTBEDS=3,7        serve only these testbeds (ids or names); unset: every testbed
 *   MIGBENCH_WORKER_PARALLEL=8          runs this worker migrates at once (each testbed has its own limit)
 *   MIGBENCH_WORKER_POLL_MS=250         how often it looks for queued runs (10–10000 ms)
 *   MIGBENCH_LEASE_MS=15000             the lease on a run (3000–300000 ms): renewed every fifth of it (at most
 *                                       every 2 s); a worker that cannot renew it for all but three renewals
 *                                       aborts its migrations; a run silent for a whole lease is recovered
 */
import { resolveDatabaseUrl } from "../lib/db/url";
import { applyMigrations } from "../lib/db/setup/migrate";

// A worker outlives a database outage: a promise that fails unhandled somewhere is logged, never the end
// of the process (its runner backs off and retries; its leases say what it may still write).
process.on("unhandledRejection", (reason) => {
  console.error(`[migbench worker] unhandled failure: ${reason instanceof Error ? reason.message : String(reason)}`);
});

/**
 * `step`, again and again while the database cannot be reached (1, 2, 4 … 10 s apart): a worker started
 * during an outage waits for the database as a running one does, instead of exiting.
 */
async function whenReachable<T>(what: string, step: () => Promise<T>): Promise<T> {
  const { isDatabaseUnreachable } = await import("../lib/http/database-state");
  for (let delayMs = 1_000; ; delayMs = Math.min(10_000, delayMs * 2)) {
    try {
      return await step();
    } catch (error) {
      if (!isDatabaseUnreachable(error)) throw error;
      console.error(`[migbench worker] ${what}: the database cannot be reached; trying again in ${delayMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

async function main() {
  const url = resolveDatabaseUrl();
  await whenReachable("applying migrations", () => applyMigrations(url));
  const { resolveWorkerTestbeds } = await import("../lib/runner/worker-testbeds");
  const testbeds = await whenReachable("finding its testbeds", () =>
    resolveWorkerTestbeds(process.env.MIGBENCH_WORKER_TESTBEDS),
  );
  if ("problem" in testbeds) throw new Error(testbeds.problem);
  const { startRunner } = await import("../lib/runner/start");
  const lease = Math.min(300_000, Math.max(3_000, Number(process.env.MIGBENCH_LEASE_MS ?? 15_000) || 15_000));
  const runner = await whenReachable("starting", () =>
    startRunner({
      maxParallel: Number(process.env.MIGBENCH_WORKER_PARALLEL ?? 8),
      pollMs: Math.min(10_000, Math.max(10, Number(process.env.MIGBENCH_WORKER_POLL_MS ?? 250) || 250)),
      staleMs: lease,
      heartbeatMs: Math.min(2_000, lease / 5),
      keepProcessAlive: true,
      testbedIds: testbeds.ids,
    }),
  );
  console.log(
    `[migbench worker] ${runner.workerId} serves ${testbeds.ids ? `testbeds ${testbeds.ids.join(", ")}` : "every testbed"}`,
  );
}

main().catch((error) => {
  console.error(`migbench worker could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
