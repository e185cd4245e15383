import "server-only";
import { hasQueuedRuns } from "@/lib/db/run-queue";
import type { Runner } from "./runner";

export type DrainOptions = { timeoutMs?: number; idleChecks?: number };

/**
 * Runs a runner until nothing is left for it to claim or finish (for tests and benchmarks): no run of
 * its own in progress and none queued on the testbeds it serves, seen on `idleChecks` passes in a row.
 * A runner that was stopped before is stopped again afterwards.
 */
export async function drainRunner(runner: Runner, { timeoutMs = 60_000, idleChecks = 2 }: DrainOptions = {}) {
  const wasStopped = runner.isStopped;
  const { testbedIds, pollMs } = runner.serves;
  await runner.start();
  try {
    const deadline = Date.now() + timeoutMs;
    let idle = 0;
    while (idle < idleChecks) {
      if (Date.now() > deadline) throw new Error(`runner did not drain within ${timeoutMs} ms`);
      const passed = await runner.tick();
      const done = passed && runner.activeCount === 0 && !(await hasQueuedRuns({ testbedIds }));
      idle = done ? idle + 1 : 0;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  } finally {
    if (wasStopped) await runner.stop();
  }
}
