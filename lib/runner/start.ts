import "server-only";
import { Runner, type RunnerOptions } from "./runner";

const globalForRunner = globalThis as unknown as { migbenchRunner?: Runner };

/** How long the app's server waits before trying again to start a runner that could not start. */
const RETRY_START_MS = 5_000;

/**
 * Starts this process's runner once (the app calls it from instrumentation.ts; `npm run worker`
 * from bin/worker.ts). On SIGTERM/SIGINT the runs in progress are stored as interrupted. A runner
 * that cannot start (the database away when the server starts) is tried again every 5 s with
 * `retry` (the app's server); without it the error is the caller's (a worker exits, to be restarted).
 */
export async function startRunner(options: RunnerOptions & { retry?: boolean } = {}): Promise<Runner> {
  if (globalForRunner.migbenchRunner) return globalForRunner.migbenchRunner;
  const { retry = false, ...runnerOptions } = options;
  const runner = new Runner({
    log: (m) => console.log(`${new Date().toISOString()} [migbench runner] ${m}`),
    ...runnerOptions,
  });
  globalForRunner.migbenchRunner = runner;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, async () => {
      const stopped = runner.stop();
      const grace = new Promise((r) => setTimeout(r, 5_000));
      await Promise.race([stopped, grace]);
      process.exit(0);
    });
  }
  try {
    await runner.start();
  } catch (error) {
    if (!retry) {
      globalForRunner.migbenchRunner = undefined;
      throw error;
    }
    console.error(
      `[migbench runner] could not start (${(error as Error).message.split("\n").filter(Boolean).at(-1)}); trying again`,
    );
    const again = setInterval(() => {
      runner
        .start()
        .then(() => {
          clearInterval(again);
          console.log(`[migbench runner] started as ${runner.workerId}`);
        })
        .catch(() => {});
    }, RETRY_START_MS);
    again.unref?.();
    return runner;
  }
  console.log(`[migbench runner] started as ${runner.workerId}`);
  return runner;
}
