import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { AdapterTestbed, HypervisorAdapter, MigrationResult, MigrationSpec, PerVmResult } from "../types";
import { buildBootImage, planGuest, type GuestPlan } from "../guest/boot-sector";
import { GUEST_MODES } from "@/lib/model/vocabulary";
import { listen, queryMigrate, startPair, stopPair, waitGuestReady, type VmPair } from "./pair";
import { postcopySwitchRound, type MigrationSettings } from "@/lib/model/migration-settings";
import type { QueryMigrate } from "./qmp";
import { createShapedPath, shapingProblems, type ShapedPath } from "./shaping";
import type { QemuConnection } from "@/lib/schemas/connection";
import { adapterSettings } from "../common/settings";
import { emulatedRateBytesPerSec } from "../common/emulated-rate";
import { throughputGbps } from "@/lib/model/rates";
import { sleep } from "../common/sleep";
import { measureGuestPause } from "../common/heartbeat";
import { ALL_CAPABLE, userfaultfdProblem } from "../common/capabilities";
import { QEMU_DEFAULT_DOWNTIME_LIMIT_MS as DEFAULT_DOWNTIME_LIMIT_MS } from "../downtime-limit";

const run = promisify(execFile);
const POLL_MS = 100;
const DEFAULT_TIMEOUT_SEC = 180;

/**
 * What a QEMU run uses, from the testbed's connection settings (lib/schemas/connection.ts), all
 * optional: runTimeoutSec (a workload that does not converge fails with a reason after it),
 * downtimeLimitMs, autoConverge, and shaping — "tc" carries the migration over a veth pair into a
 * network namespace shaped with tc tbf, which throttles the stop-and-copy too (realistic
 * downtime); "max-bandwidth" is loopback with QEMU's own cap, which does not; "auto" (the default)
 * is tc where this machine can build the path (root, ip, tc), else max-bandwidth.
 */
export type QemuSettings = Required<
  Pick<QemuConnection, "runTimeoutSec" | "downtimeLimitMs" | "autoConverge" | "shaping">
>;

function settingsOf(testbed: AdapterTestbed): { settings: QemuSettings } | { problems: string[] } {
  const parsed = adapterSettings("qemu", testbed);
  if ("problems" in parsed) return parsed;
  const c = parsed.settings;
  return {
    settings: {
      runTimeoutSec: c.runTimeoutSec ?? DEFAULT_TIMEOUT_SEC,
      downtimeLimitMs: c.downtimeLimitMs ?? DEFAULT_DOWNTIME_LIMIT_MS,
      autoConverge: c.autoConverge ?? false,
      shaping: c.shaping ?? "auto",
    },
  };
}

/** The shaping a run uses: "auto" becomes tc where the machine can build the path, else max-bandwidth. */
async function resolveShaping(
  shaping: QemuSettings["shaping"],
): Promise<{ shaping: "tc" | "max-bandwidth"; why: string[] }> {
  if (shaping !== "auto") return { shaping, why: [] };
  const problems = await shapingProblems();
  return problems.length ? { shaping: "max-bandwidth", why: problems } : { shaping: "tc", why: [] };
}

type PairState = {
  last: QueryMigrate | null;
  final: QueryMigrate | null;
  error: string | null;
  rounds: { round: number; tMs: number; transferredBytes: number; remainingBytes: number }[];
  maxDirtyBytesPerSec: number;
  maxThrottlePct: number;
};

async function migrateAll(
  spec: MigrationSpec,
  settings: QemuSettings,
  plan: GuestPlan,
  pairs: VmPair[],
  onSample: Parameters<HypervisorAdapter["migrate"]>[1]["onSample"],
  signal: AbortSignal,
): Promise<MigrationResult> {
  const rate = emulatedRateBytesPerSec(spec);
  // With tc shaping the qdisc sets the pace; QEMU's own cap is lifted far above it.
  const perVmRate = settings.shaping === "tc" ? Math.floor(rate * 10) : Math.floor(rate / pairs.length);
  const variant = spec.settings;
  const applied = qemuMigrationSetup(variant, settings, {
    maxBandwidth: perVmRate,
    linkSharePerVm: rate / pairs.length,
  });
  for (const pair of pairs) {
    if (applied.capabilities.length) {
      await pair.sourceQmp!.execute("migrate-set-capabilities", { capabilities: applied.capabilities });
      if (applied.destinationCapabilities.length)
        await pair.destinationQmp!.execute("migrate-set-capabilities", {
          capabilities: applied.destinationCapabilities,
        });
    }
    await pair.sourceQmp!.execute("migrate-set-parameters", applied.parameters);
    if (applied.destinationParameters)
      await pair.destinationQmp!.execute("migrate-set-parameters", applied.destinationParameters);
    await listen(pair);
  }
  const switchRound = postcopySwitchRound(variant);
  const postcopySwitchAtMs: (number | null)[] = pairs.map(() => null);
  const states: PairState[] = pairs.map(() => ({
    last: null,
    final: null,
    error: null,
    rounds: [],
    maxDirtyBytesPerSec: 0,
    maxThrottlePct: 0,
  }));
  const startedAt = Date.now();
  for (const pair of pairs) await pair.sourceQmp!.execute("migrate", { uri: `tcp:${pair.address}:${pair.port}` });

  const deadline = startedAt + settings.runTimeoutSec * 1000;
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

type QmpCapability = { capability: string; state: boolean };

/**
 * The QMP commands a settings variant needs: capabilities for the source (and those the destination
 * must share: multifd, postcopy-ram) and parameters. The testbed's own autoConverge and downtime limit
 * (connection settings) apply where the variant leaves them at their defaults.
 */
export function qemuMigrationSetup(
  variant: MigrationSettings,
  settings: QemuSettings,
  rates: { maxBandwidth: number; linkSharePerVm: number },
) {
  const capabilities: QmpCapability[] = [];
  const destinationCapabilities: QmpCapability[] = [];
  const autoConverge =
    variant.strategy === "auto-converge" || (variant.strategy === "precopy" && settings.autoConverge);
  if (autoConverge) capabilities.push({ capability: "auto-converge", state: true });
  if (postcopySwitchRound(variant) !== null) {
    capabilities.push({ capability: "postcopy-ram", state: true });
    destinationCapabilities.push({ capability: "postcopy-ram", state: true });
  }
  if (variant.multifdChannels > 1) {
    capabilities.push({ capability: "multifd", state: true });
    destinationCapabilities.push({ capability: "multifd", state: true });
  }
  if (variant.xbzrleCacheBytes !== null) capabilities.push({ capability: "xbzrle", state: true });
  const parameters: Record<string, number> = {
    // A bandwidth cap is a share of the link, whether tc or max-bandwidth paces it.
    "max-bandwidth": Math.max(
      1,
      Math.floor(
        variant.bandwidthScale === null
          ? rates.maxBandwidth
          : Math.min(rates.maxBandwidth, rates.linkSharePerVm * variant.bandwidthScale),
      ),
    ),
    "downtime-limit": Math.round(variant.downtimeLimitMs ?? settings.downtimeLimitMs),
  };
  if (variant.strategy === "auto-converge") {
    parameters["cpu-throttle-initial"] = variant.throttleInitialPct;
    parameters["cpu-throttle-increment"] = variant.throttleIncrementPct;
  }
  if (variant.multifdChannels > 1) parameters["multifd-channels"] = variant.multifdChannels;
  if (variant.xbzrleCacheBytes !== null) parameters["xbzrle-cache-size"] = Math.round(variant.xbzrleCacheBytes);
  const destinationParameters = variant.multifdChannels > 1 ? { "multifd-channels": variant.multifdChannels } : null;
  return { capabilities, destinationCapabilities, parameters, destinationParameters };
}

/** Whether an executable of that name is in one of PATH's directories (no process is started). */
function onPath(program: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, program), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Real live migration between local qemu-system-x86_64 processes over TCP on loopback, driven
 * through QMP. The link rate is emulated with max-bandwidth (usable rate × the testbed's scale).
 */
export const qemuAdapter: HypervisorAdapter = {
  kind: "qemu",
  label: "QEMU (local live migration, TCG)",

  settingsProblems(testbed) {
    const parsed = settingsOf(testbed);
    // QEMU runs here: its programs being on this machine's PATH is part of the settings being usable.
    const missing = [
      ["qemu-system-x86_64", "apt-get install qemu-system-x86"],
      ["nasm", "apt-get install nasm"],
    ]
      .filter(([program]) => !onPath(program))
      .map(([program, fix]) => `${program} is not installed on this machine: ${fix}`);
    return [...("problems" in parsed ? parsed.problems : []), ...missing];
  },

  capabilities() {
    return ALL_CAPABLE;
  },

  async check(testbed) {
    const parsed = settingsOf(testbed);
    if ("problems" in parsed) return { ok: false, problems: parsed.problems, details: [] };
    const problems: string[] = [];
    const details: string[] = [];
    const userfaultfd = userfaultfdProblem();
    details.push(userfaultfd ? `post-copy runs will fail: ${userfaultfd}` : "post-copy: userfaultfd is available");
    const auto = parsed.settings.shaping === "auto" ? "auto: " : "";
    const shaping = await resolveShaping(parsed.settings.shaping);
    if (parsed.settings.shaping === "tc") problems.push(...(await shapingProblems()));
    if (shaping.shaping === "tc") {
      details.push(
        `link shaping: ${auto}tc tbf on a veth pair into a network namespace (throttles the stop-and-copy too)`,
      );
    } else {
      details.push(
        `link shaping: ${auto}QEMU max-bandwidth on loopback (the final stop-and-copy is not throttled: downtime is optimistic, throughput may exceed the link)${shaping.why.length ? ` — tc is not possible here: ${shaping.why.join("; ")}` : ""}`,
      );
    }
    try {
      const { stdout } = await run("qemu-system-x86_64", ["--version"], { timeout: 10_000 });
      details.push(stdout.split("\n")[0]);
    } catch {
      problems.push("qemu-system-x86_64 is not installed: apt-get install qemu-system-x86");
    }
    try {
      const { stdout } = await run("nasm", ["-v"], { timeout: 10_000 });
      details.push(stdout.trim());
    } catch {
      problems.push("nasm (to build the guest boot sector) is not installed: apt-get install nasm");
    }
    details.push(
      `accelerator: TCG${fs.existsSync("/dev/kvm") ? " (/dev/kvm exists but is a software KVM here, slower than TCG)" : ""}`,
    );
    details.push(`${os.cpus().length} host cores: figures are noisier when guests and migrations compete for them`);
    return { ok: problems.length === 0, problems, details };
  },

  async migrate(spec, { onSample, signal }) {
    const parsed = settingsOf(spec.testbed);
    if ("problems" in parsed) return { status: "failed", reason: parsed.problems.join("; ") };
    const resolved = await resolveShaping(parsed.settings.shaping);
    const settings: QemuSettings = { ...parsed.settings, shaping: resolved.shaping };
    const plan = planGuest(spec.profile);
    if ("error" in plan) return { status: "failed", reason: plan.error };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `migbench-qemu-run${spec.runId}-`));
    const pairs: VmPair[] = [];
    let shaped: ShapedPath | null = null;
    try {
      if (signal.aborted) return { status: "cancelled", reason: "Cancelled while starting the VMs" };
      if (settings.shaping === "tc") {
        try {
          shaped = await createShapedPath(spec.runId, emulatedRateBytesPerSec(spec));
        } catch (error) {
          return { status: "failed", reason: `Could not shape the link: ${(error as Error).message}` };
        }
      }
      let image: string;
      try {
        image = await buildBootImage(dir, plan);
      } catch (error) {
        return {
          status: "failed",
          reason: `Could not build the guest image with nasm: ${(error as Error).message.split("\n")[0]}`,
        };
      }
      try {
        for (let i = 0; i < spec.profile.vmCount; i++) {
          if (signal.aborted) return { status: "cancelled", reason: "Cancelled while starting the VMs" };
          pairs.push(
            await startPair({
              runId: spec.runId,
              index: i,
              dir,
              image,
              plan,
              shaped: shaped ? { namespace: shaped.namespace, address: shaped.destinationAddress } : undefined,
            }),
          );
        }
        // Filling 3 GiB under TCG takes a while; allow ~20 s per GiB plus start-up.
        const readyTimeout = 20_000 + (plan.memEndBytes / 1024 ** 3) * 20_000;
        for (const pair of pairs) await waitGuestReady(pair, plan, readyTimeout, signal);
      } catch (error) {
        if (signal.aborted) return { status: "cancelled", reason: "Cancelled while starting the VMs" };
        const broken = pairs.find((p) => p.broken)?.broken;
        return { status: "failed", reason: `Could not start the VMs: ${broken ?? (error as Error).message}` };
      }
      if (plan.mode === GUEST_MODES.continuous) await sleep(500); // let dirtying get going
      try {
        return await migrateAll(spec, settings, plan, pairs, onSample, signal);
      } catch (error) {
        if (signal.aborted) return { status: "cancelled", reason: "Cancelled while migrating" };
        const broken = pairs.find((p) => p.broken)?.broken;
        return { status: "failed", reason: broken ?? `QMP error: ${(error as Error).message}` };
      }
    } finally {
      await Promise.all(pairs.map((p) => stopPair(p)));
      await shaped?.teardown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
