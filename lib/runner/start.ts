import "server-only";
import { Runner, type RunnerOptions } from "./runner";

const globalForRunner = globalThis as unknown as { migbenchRunner?: Runner };

/**
 * Starts this process's runner once (the app calls it from instrumentation.ts; `npm run worker`
 * from scripts/worker.ts). On SIGTERM/SIGINT the runs in progress are stored as interrupted.
 */
export async function startRunner(options: RunnerOptions = {}): Promise<Runner> {
  if (globalForRunner.migbenchRunner) return globalForRunner.migbenchRunner;
  const runner = new Runner({
    log: (m) => console.log(`${new Date().toISOString()} [migbench runner] ${m}`),
    ...options,
  });
  globalForRunner.migbenchRunner = runner;
  await runner.start();
  console.log(`[migbench runner] started as ${runner.workerId}`);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, async () => {
      const stopped = runner.stop();
      const grace = new Promise((r) => setTimeout(r, 5_000));
      await Promise.race([stopped, grace]);
      process.exit(0);
    });
  }
  return runner;
}
