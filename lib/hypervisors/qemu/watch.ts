import type { HypervisorAdapter } from "../types";
import type { QueryMigrate } from "./qmp";
import { queryMigrate, type VmPair } from "./pair";
import { sleep } from "../common/sleep";

const POLL_MS = 100;

/** What one VM pair's migration has shown so far. */
export type PairState = {
  last: QueryMigrate | null;
  final: QueryMigrate | null;
  error: string | null;
  rounds: { round: number; tMs: number; transferredBytes: number; remainingBytes: number }[];
  maxDirtyBytesPerSec: number;
  maxThrottlePct: number;
};

/** A fresh state per pair. */
export const freshStates = (pairs: VmPair[]): PairState[] =>
  pairs.map(() => ({ last: null, final: null, error: null, rounds: [], maxDirtyBytesPerSec: 0, maxThrottlePct: 0 }));

/**
 * Watches the migrations every 100 ms until each has completed or failed, a cancel, or the run
 * timeout: records each pair's progress in `states`, switches to post-copy after `switchRound` passes
 * (noting when in `postcopySwitchAtMs`), and reports the sum as samples. Returns why it stopped early.
 */
export async function watchMigrations({
  pairs,
  states,
  switchRound,
  postcopySwitchAtMs,
  startedAt,
  runTimeoutSec,
  onSample,
  signal,
}: {
  pairs: VmPair[];
  states: PairState[];
  switchRound: number | null;
  postcopySwitchAtMs: (number | null)[];
  startedAt: number;
  runTimeoutSec: number;
  onSample: Parameters<HypervisorAdapter["migrate"]>[1]["onSample"];
  signal: AbortSignal;
}): Promise<"cancel" | "timeout" | null> {
  const deadline = startedAt + runTimeoutSec * 1000;
  let stopReason: "cancel" | "timeout" | null = null;
  while (states.some((s) => !s.final && !s.error)) {
    await sleep(POLL_MS);
    if (signal.aborted) stopReason = "cancel";
    else if (Date.now() > deadline) stopReason = "timeout";
    if (stopReason) break;
    const tMs = Date.now() - startedAt;
    for (const [i, pair] of pairs.entries()) {
      const state = states[i];
      if (state.final || state.error) continue;
      if (pair.broken) {
        state.error = pair.broken;
        continue;
      }
      let info: QueryMigrate;
      try {
        info = await queryMigrate(pair);
      } catch (error) {
        state.error = pair.broken ?? `source QMP failed: ${(error as Error).message}`;
        continue;
      }
      if (info.status === "failed")
        state.error = `QEMU reported the migration failed: ${info["error-desc"] ?? "no reason given"}`;
      // QEMU 7.2 says completed before total-time is filled in: wait for it.
      else if (info.status === "completed" && (info["total-time"] ?? 0) > 0) state.final = info;
      if (info.ram) {
        state.last = info;
        const pageBytes = info.ram["page-size"] ?? 4096;
        state.maxDirtyBytesPerSec = Math.max(
          state.maxDirtyBytesPerSec,
          (info.ram["dirty-pages-rate"] ?? 0) * pageBytes,
        );
        const round = info.ram["dirty-sync-count"];
        if (!state.rounds.length || state.rounds[state.rounds.length - 1].round !== round) {
          state.rounds.push({ round, tMs, transferredBytes: info.ram.transferred, remainingBytes: info.ram.remaining });
        }
        // The first sync opens pass 1: after N passes the count is N + 1, and the guest moves.
        if (switchRound !== null && postcopySwitchAtMs[i] === null && info.status === "active" && round > switchRound) {
          await pair.sourceQmp!.execute("migrate-start-postcopy");
          postcopySwitchAtMs[i] = tMs;
        }
        state.maxThrottlePct = Math.max(state.maxThrottlePct, info["cpu-throttle-percentage"] ?? 0);
      }
    }
    const ram = states.map((s) => (s.final ?? s.last)?.ram).filter((r): r is NonNullable<QueryMigrate["ram"]> => !!r);
    if (ram.length) {
      onSample({
        tMs,
        transferredBytes: ram.reduce((a, r) => a + r.transferred, 0),
        remainingBytes: states.reduce((a, s) => a + (s.final ? 0 : (s.last?.ram?.remaining ?? 0)), 0),
        throughputGbps: states.reduce((a, s) => a + (s.final ? 0 : (s.last?.ram?.mbps ?? 0)), 0) / 1000,
        dirtyRateBytesPerSec: states.reduce(
          (a, s) => a + (s.last?.ram?.["dirty-pages-rate"] ?? 0) * (s.last?.ram?.["page-size"] ?? 4096),
          0,
        ),
        round: Math.max(...ram.map((r) => r["dirty-sync-count"])),
      });
    }
  }

  return stopReason;
}
