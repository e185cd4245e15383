import type { MigrationResult, MigrationSpec, PerVmResult } from "../types";
import type { GuestPlan } from "../guest/boot-sector";
import { GUEST_MODES } from "@/lib/model/vocabulary";
import { throughputGbps } from "@/lib/model/rates";
import type { MigrationSettings } from "@/lib/model/migration-settings";
import { sleep } from "../common/sleep";
import { measureGuestPause } from "../common/heartbeat";
import type { VmPair } from "./pair";
import type { PairState } from "./watch";
import type { QemuSettings, qemuMigrationSetup } from "./settings";

/** What a run's migrations came to, and how they were made. */
export type Watched = {
  spec: MigrationSpec;
  settings: QemuSettings;
  plan: GuestPlan;
  pairs: VmPair[];
  states: PairState[];
  rate: number;
  perVmRate: number;
  variant: MigrationSettings;
  applied: ReturnType<typeof qemuMigrationSetup>;
  postcopySwitchAtMs: (number | null)[];
  startedAt: number;
  stopReason: "cancel" | "timeout" | null;
  signal: AbortSignal;
};

/**
 * The run's result once the migrations stopped: QEMU's statistics as raw stats; a cancel, timeout or
 * failure with its reason; or, once every destination runs the guest, the measured result with each
 * guest's felt pause.
 */
export async function collectResult({
  spec,
  settings,
  plan,
  pairs,
  states,
  rate,
  perVmRate,
  variant,
  applied,
  postcopySwitchAtMs,
  startedAt,
  stopReason,
  signal,
}: Watched): Promise<MigrationResult> {
  const raw = {
    accelerator: "tcg",
    linkScale: spec.testbed.linkScale,
    shaping:
      settings.shaping === "tc"
        ? { method: "tc tbf on a veth pair into a network namespace", rateBytesPerSec: rate }
        : { method: "QEMU max-bandwidth on loopback" },
    maxBandwidthBytesPerSecPerVm: perVmRate,
    settings: variant,
    applied,
    guest: plan,
    vms: states.map((s, i) => ({
      vm: i + 1,
      queryMigrate: s.final ?? s.last,
      rounds: s.rounds,
      error: s.error,
      maxThrottlePct: s.maxThrottlePct,
      postcopySwitchAtMs: postcopySwitchAtMs[i],
      postcopyBytes: (s.final ?? s.last)?.ram?.["postcopy-bytes"] ?? null,
      multifdBytes: (s.final ?? s.last)?.ram?.["multifd-bytes"] ?? null,
      xbzrleCache: (s.final ?? s.last)?.["xbzrle-cache"] ?? null,
    })),
  };

  if (stopReason) {
    for (const pair of pairs) await pair.sourceQmp?.execute("migrate_cancel").catch(() => {});
    if (stopReason === "cancel")
      return {
        status: "cancelled",
        reason: `Cancelled while migrating, after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
        rawStats: raw,
      };
    const last = states.map((s) => s.last?.ram).filter(Boolean);
    const remaining = last.reduce((a, r) => a + (r?.remaining ?? 0), 0);
    const dirty = states.reduce((a, s) => a + s.maxDirtyBytesPerSec, 0);
    return {
      status: "failed",
      reason:
        `Did not complete within the ${settings.runTimeoutSec} s run timeout: ${(remaining / 1e6).toFixed(0)} MB still to send after ` +
        `${Math.max(0, ...last.map((r) => r?.["dirty-sync-count"] ?? 0))} rounds; the guest dirties ${(dirty / 1e6).toFixed(0)} MB/s against ` +
        `${(rate / 1e6).toFixed(0)} MB/s of link. Use a faster link, a lower dirty rate, or enable auto-converge.`,
      rawStats: raw,
      partial: { transferredBytes: last.reduce((a, r) => a + (r?.transferred ?? 0), 0) },
    };
  }
  const failed = states.find((s) => s.error);
  if (failed) {
    for (const pair of pairs) await pair.sourceQmp?.execute("migrate_cancel").catch(() => {});
    return { status: "failed", reason: failed.error!, rawStats: raw };
  }

  if (signal.aborted)
    return {
      status: "cancelled",
      reason: "Cancelled while collecting statistics (the migration itself had completed)",
      rawStats: raw,
    };

  // The destination must be running the guest. It can trail the source's "completed" by what is still
  // queued on the path (a tc-shaped link holds up to its latency), so wait for it and record the lag.
  const sourceDoneAt = Date.now();
  const destinationLagMs: number[] = [];
  for (const pair of pairs) {
    let status = "unknown";
    for (;;) {
      status = (
        await pair
          .destinationQmp!.execute<{ status: string }>("query-status")
          .catch((e: Error) => ({ status: `unreachable (${e.message})` }))
      ).status;
      if (status !== "inmigrate" || Date.now() - sourceDoneAt > 30_000) break;
      await sleep(20);
    }
    if (status !== "running")
      return {
        status: "failed",
        reason: `Migration completed but the destination VM ${pair.index + 1} is ${status}, not running`,
        rawStats: raw,
      };
    destinationLagMs.push(Date.now() - sourceDoneAt);
  }
  Object.assign(raw, { destinationRunningAfterSourceCompletedMs: destinationLagMs });
  const pauses = await measureGuestPauses(pairs);
  Object.assign(raw, { heartbeats: pauses });

  const perVm: PerVmResult[] = states.map((s, i) => ({
    vm: i + 1,
    durationMs: s.final!["total-time"]!,
    downtimeMs: s.final!.downtime ?? null,
    guestPauseMs: pauses[i].guestPauseMs,
    transferredBytes: s.final!.ram?.transferred ?? null,
  }));
  const durationMs = Math.max(...perVm.map((v) => v.durationMs));
  const transferredBytes = perVm.reduce((a, v) => a + (v.transferredBytes ?? 0), 0);
  if (signal.aborted)
    return {
      status: "cancelled",
      reason: "Cancelled while collecting statistics (the migration itself had completed)",
      rawStats: raw,
    };
  return {
    status: "succeeded",
    durationMs,
    downtimeMs: Math.max(...perVm.map((v) => v.downtimeMs ?? 0)),
    guestPauseMs: perVm.every((v) => v.guestPauseMs !== null) ? Math.max(...perVm.map((v) => v.guestPauseMs!)) : null,
    transferredBytes,
    throughputGbps: throughputGbps(transferredBytes, durationMs),
    precopyRounds: Math.max(...states.map((s) => s.final!.ram?.["dirty-sync-count"] ?? 0)),
    dirtyRateBytesPerSec:
      plan.mode === GUEST_MODES.continuous ? states.reduce((a, s) => a + s.maxDirtyBytesPerSec, 0) || null : null,
    perVm: pairs.length > 1 ? perVm : undefined,
    rawStats: raw,
  };
}

/** Each VM's guest-observed pause, once its destination runs (lib/hypervisors/common/heartbeat.ts). */
function measureGuestPauses(pairs: VmPair[]) {
  return Promise.all(
    pairs.map((pair) =>
      pair.heartbeats
        ? measureGuestPause(pair.heartbeats.source, pair.heartbeats.destination)
        : { guestPauseMs: null, why: "no serial socket" },
    ),
  );
}
