/**
 * The pre-copy live-migration model (README, "The reference data and the calibrated simulator"). Pure functions, no I/O.
 *
 * Memory M per VM, per-VM wire rate r, dirty rate D, λ = D / r. Round 0 sends all non-zero memory;
 * round i sends what was dirtied during round i−1, at most the writable working set W. Pre-copy stops
 * as soon as what is pending — the round's unsent pages plus those dirtied meanwhile — fits in the
 * downtime budget (QEMU: threshold = bandwidth × downtime limit, checked after each burst of up to 50 ms,
 * syncing the dirty bitmap when the estimate falls under it), often in the middle of a round; then the
 * VM is paused and the pending pages are sent (stop-and-copy = downtime, so close to the limit whenever
 * memory exceeds the budget — measured on QEMU here: 56–90 ms at 100 ms, 249–305 at 300, 926–1009 at
 * 1000, for guests written once and dirtying alike). Like QEMU it never gives up: it says it does not
 * converge when pre-copy is still running at the horizon (the run's timeout; a bound on the computation).
 * Several VMs migrated together share the link equally.
 * Sources: Liu et al. HPDC 2011; SimGrid VmLiveMigration.cpp; Xen xc_domain_save.c; QEMU migration.c.
 *
 * Migration settings (lib/model/migration-settings.ts) change it as QEMU does:
 *  - auto-converge: from the second round on, each round whose guest dirtied more than half of what it
 *    sent raises the vCPU throttle (first to its initial percentage, then by its increment, at most 99%);
 *    a throttle of t% scales the dirty rate by (1 − t/100).
 *  - post-copy: after N pre-copy rounds that did not converge the guest moves: the pause is the switchover
 *    (device state and the dirty bitmap), then what is still dirty is pulled once at the link rate while
 *    the guest runs on the destination, degraded by remote page faults. It always completes.
 *  - multifd: N streams; the rate is bounded by N × the link's per-stream ceiling and by the link.
 *  - XBZRLE: a re-sent page found in the cache costs a fraction of a page; the hit ratio is the share of
 *    the working set the cache holds.
 *  - downtime limit: the stop-and-copy budget (QEMU: threshold = bandwidth × downtime limit).
 *  - bandwidth cap: the rate is at most that share of the link's usable rate.
 */
import { bytesPerSecToGbps, throughputGbps } from "./rates";
import { DEFAULT_SETTINGS, postcopySwitchRound, type MigrationSettings } from "./migration-settings";

import type { Workload } from "./vocabulary";

export type { Workload };

import {
  DEFAULT_MODEL_PARAMS,
  type MigrationPrediction,
  type ModelLink,
  type ModelParams,
  type ModelProfile,
  type Round,
} from "./precopy-types";

export * from "./precopy-types";

const GBPS_TO_BYTES_PER_SEC = 1e9 / 8;

function workloadOf(w: string): Workload {
  return w === "idle" || w === "once" || w === "continuous" ? w : "once";
}

/** The per-VM wire rate in bytes/s for a link, workload and VM count. */
export function perVmRateBytesPerSec(
  link: ModelLink,
  profile: ModelProfile,
  params: ModelParams = DEFAULT_MODEL_PARAMS,
  settings: MigrationSettings = DEFAULT_SETTINGS,
): number {
  const workload = workloadOf(profile.workload);
  const factor =
    workload === "continuous" && link.dirtyingRateFactor != null
      ? link.dirtyingRateFactor
      : params.workloadRateFactor[workload];
  const vms = Math.max(1, profile.vmCount);
  let rate = (link.usableRateGbps * GBPS_TO_BYTES_PER_SEC * link.efficiency * factor) / vms;
  if (link.streamCeilingGbps)
    rate = Math.min(rate, settings.multifdChannels * link.streamCeilingGbps * GBPS_TO_BYTES_PER_SEC);
  if (settings.bandwidthScale !== null)
    rate = Math.min(rate, (link.usableRateGbps * GBPS_TO_BYTES_PER_SEC * settings.bandwidthScale) / vms);
  return rate;
}

/**
 * Predicts one migration of a profile over a link: time, bytes, downtime, rounds, and whether
 * pre-copy converges. `perturb` scales rate and dirty rate (used by the simulator for run-to-run noise);
 * `settings` is the strategy and parameters it runs with.
 */
export function predictMigration(
  link: ModelLink,
  profile: ModelProfile,
  params: ModelParams = DEFAULT_MODEL_PARAMS,
  perturb: { rateFactor?: number; dirtyFactor?: number; setupFactor?: number } = {},
  settings: MigrationSettings = DEFAULT_SETTINGS,
): MigrationPrediction {
  const workload = workloadOf(profile.workload);
  const M = profile.memoryBytes;
  const r = perVmRateBytesPerSec(link, profile, params, settings) * (perturb.rateFactor ?? 1);
  const D =
    workload === "continuous"
      ? (profile.dirtyRateBytesPerSec ?? 0) * (perturb.dirtyFactor ?? 1) * (link.dirtyRateFidelity ?? 1)
      : 0;
  const W = Math.min(M, profile.workingSetBytes ?? M);
  const lambda = r > 0 ? D / r : Infinity;
  const downtimeLimitMs = settings.downtimeLimitMs ?? params.downtimeLimitMs;
  const thresholdBytes = (r * downtimeLimitMs) / 1000;
  const autoConverge = settings.strategy === "auto-converge";
  const switchRound = postcopySwitchRound(settings);
  // XBZRLE: a re-sent page in the cache costs its delta; the cache holds part of the working set.
  const xbzrleHitRatio =
    settings.xbzrleCacheBytes !== null && W > 0 ? Math.min(1, settings.xbzrleCacheBytes / W) : null;
  const resendCost = xbzrleHitRatio === null ? 1 : xbzrleHitRatio * params.xbzrleWireFraction + (1 - xbzrleHitRatio);

  const rounds: Round[] = [];
  let throttlePct = 0;
  const overhead = link.wireOverhead ?? params.wireOverhead;
  const wire = (bytes: number) => bytes * overhead;
  const push = (memoryBytes: number, wireBytes: number, phase: Round["phase"] = "precopy") => {
    const durationMs = (wireBytes / r) * 1000;
    const dirtying = phase === "precopy" ? D * (1 - throttlePct / 100) : 0;
    const dirtiedBytes = Math.min(W, dirtying * (durationMs / 1000));
    rounds.push({ round: rounds.length, memoryBytes, wireBytes, durationMs, dirtiedBytes, phase, throttlePct });
    return dirtiedBytes;
  };

  // Round 0: every page once; zero pages of an idle guest cost a marker each.
  let next: number;
  if (workload === "idle") {
    const resident = M * params.idleResidentFraction;
    next = push(M, wire(resident) + (M - resident) * params.zeroPageWireFraction);
  } else {
    next = push(M, wire(M));
  }

  let converges = true;
  let reason: string | null = null;
  let sentMemory = M;
  let switched = false;
  // Iterate while the dirtied set does not fit the downtime budget, as QEMU does: it never gives up on its
  // own, so neither does the model — only a bound on the computation (time or rounds) stops it.
  // The horizon counts from the first pass and grows with it: a large guest whose first pass alone takes longer
  // still converges when its rounds shrink (λ ≤ ~0.95 converges within 20 first passes).
  const horizonMs = Math.max(params.horizonMs, 20 * rounds[0].durationMs);
  let elapsedMs = 0;
  while (next > thresholdBytes) {
    const overRounds = rounds.length >= params.maxRounds;
    const overTime = elapsedMs >= horizonMs;
    if (switchRound !== null && (rounds.length >= switchRound || overRounds || overTime)) {
      switched = true;
      break;
    }
    if (overRounds || overTime) {
      converges = false;
      reason =
        `does not converge within ${overTime ? formatHorizon(horizonMs) : `${params.maxRounds} rounds`} after its first pass (${rounds.length} rounds, ${(sentMemory / 1e9).toFixed(1)} GB sent): ` +
        `${(next / 1e6).toFixed(0)} MB stays pending against the ${(thresholdBytes / 1e6).toFixed(0)} MB that fit the downtime limit`;
      break;
    }
    // auto-converge: a round (from the second) whose guest dirtied over half what it sent raises the throttle.
    const last = rounds[rounds.length - 1];
    if (autoConverge && rounds.length >= 2 && last.dirtiedBytes > params.throttleTriggerFraction * last.memoryBytes)
      throttlePct = Math.min(
        99,
        throttlePct === 0 ? settings.throttleInitialPct : throttlePct + settings.throttleIncrementPct,
      );
    sentMemory += next;
    next = push(next, wire(next) * resendCost);
    elapsedMs += rounds[rounds.length - 1].durationMs;
  }
  const precopyRounds = rounds.length;
  const precopyMs = rounds.reduce((a, x) => a + x.durationMs, 0);
  let downtimeMs: number;
  let postcopyMs: number | null = null;
  if (switched) {
    // The switchover pauses the guest for its device state and the dirty bitmap (a bit per 4 KiB page).
    const bitmapBytes = M / 4096 / 8;
    downtimeMs = (link.switchoverMs ?? params.postcopySwitchMs) + (bitmapBytes / r) * 1000;
    rounds.push({
      round: rounds.length,
      memoryBytes: 0,
      wireBytes: bitmapBytes,
      durationMs: downtimeMs,
      dirtiedBytes: 0,
      phase: "switchover",
      throttlePct: 0,
    });
    // Then each page still dirty is pulled once, at the link rate, while the guest runs on the destination.
    const pulled = wire(next);
    postcopyMs = (pulled / r) * 1000;
    rounds.push({
      round: rounds.length,
      memoryBytes: next,
      wireBytes: pulled,
      durationMs: postcopyMs,
      dirtiedBytes: 0,
      phase: "postcopy",
      throttlePct: 0,
    });
  } else {
    // Pre-copy completes at the first check where what is pending fits the budget: usually part-way through
    // the last round. On average a check comes half an interval after the pending bytes crossed it.
    // In memory bytes: what fits the budget once on the wire (page headers included).
    const budget = Math.max(0, thresholdBytes - (r * params.completionCheckMs) / 2 / 1000) / overhead;
    const early = stopEarly(rounds, next, budget, W, params.firstCheckMs);
    // Stop-and-copy: the VM is paused, nothing more is dirtied. The last round's unsent pages cost what they
    // cost in it; the pages dirtied meanwhile are re-sent pages.
    const finalWire = early ? early.unsentWire + wire(early.dirtied) * resendCost : wire(next) * resendCost;
    if (early) next = early.unsent + early.dirtied;
    downtimeMs = (finalWire / r) * 1000 + (link.switchoverMs ?? 0);
    rounds.push({
      round: rounds.length,
      memoryBytes: next,
      wireBytes: finalWire,
      durationMs: downtimeMs,
      dirtiedBytes: 0,
      phase: "stop-copy",
      throttlePct,
    });
  }

  const perVmWire = rounds.reduce((a, x) => a + x.wireBytes, 0);
  const transferMs = rounds.reduce((a, x) => a + x.durationMs, 0);
  const setupMs = link.setupMs * (perturb.setupFactor ?? 1);
  const durationMs = setupMs + transferMs;
  const transferredBytes = perVmWire * Math.max(1, profile.vmCount);

  return {
    converges,
    lambda,
    perVmRateBytesPerSec: r,
    durationMs,
    transferredBytes,
    downtimeMs,
    throughputGbps: throughputGbps(transferredBytes, durationMs) ?? 0,
    precopyRounds,
    rounds,
    reason: converges ? null : reason,
    advice: converges ? null : convergenceAdvice(lambda, r, D, thresholdBytes, profile),
    maxThrottlePct: autoConverge ? Math.max(0, ...rounds.map((x) => x.throttlePct)) : null,
    postcopySwitchAtMs: switched ? setupMs + precopyMs : null,
    postcopyMs,
    xbzrleHitRatio,
  };
}

/**
 * Cuts the last pre-copy round short where its unsent pages plus those dirtied meanwhile first fit `budget`
 * (memory bytes), and returns what is then pending: the round's unsent pages (with their wire bytes) and
 * those dirtied meanwhile. The round keeps what it sent by then. Null when nothing crosses the budget before
 * the round ends: the round stands, and what it dirtied is pending.
 */
function stopEarly(
  rounds: Round[],
  next: number,
  budget: number,
  W: number,
  firstCheckMs: number,
): { unsent: number; unsentWire: number; dirtied: number } | null {
  const last = rounds[rounds.length - 1];
  if (!last || last.phase !== "precopy" || last.durationMs <= 0 || next >= budget) return null;
  const T = last.durationMs / 1000;
  const sendRate = last.memoryBytes / T;
  const dirtyRate = last.dirtiedBytes / T;
  const pending = (t: number) => Math.max(0, last.memoryBytes - sendRate * t) + Math.min(W, dirtyRate * t);
  // No check comes before the first bandwidth measurement (of the first round; later rounds are past it).
  const earliest = rounds.length === 1 ? Math.min(T, firstCheckMs / 1000) : 0;
  let hi = T;
  if (pending(earliest) <= budget) {
    // The whole guest fits the budget (a small guest, a fast link, a loose limit): it stops at the first check.
    if (earliest <= 0 || earliest >= T) return null;
    hi = earliest;
  } else {
    // pending falls from the round's size to `next` (< budget): bisect for where it meets the budget.
    let lo = earliest;
    for (let i = 0; i < 50; i++) {
      const mid = (lo + hi) / 2;
      if (pending(mid) > budget) lo = mid;
      else hi = mid;
    }
  }
  const share = hi / T;
  rounds[rounds.length - 1] = {
    ...last,
    leftBytes: last.memoryBytes * (1 - share),
    memoryBytes: last.memoryBytes * share,
    wireBytes: last.wireBytes * share,
    durationMs: last.durationMs * share,
    dirtiedBytes: Math.min(W, dirtyRate * hi),
  };
  return {
    unsent: last.memoryBytes * (1 - share),
    unsentWire: last.wireBytes * (1 - share),
    dirtied: Math.min(W, dirtyRate * hi),
  };
}

/** How long the model lets pre-copy run before it says it does not converge, in words (s or min). */
export function formatHorizon(ms: number): string {
  return ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

function convergenceAdvice(
  lambda: number,
  r: number,
  D: number,
  thresholdBytes: number,
  profile: ModelProfile,
): string {
  const rateGbps = bytesPerSecToGbps(r);
  const neededGbps = bytesPerSecToGbps(D);
  if (lambda >= 1) {
    return (
      `the guest dirties ${(D / 1e6).toFixed(0)} MB/s per VM but the link carries ${(r / 1e6).toFixed(0)} MB/s per VM (λ = ${lambda.toFixed(2)} ≥ 1). ` +
      `Use a link faster than ${(neededGbps * Math.max(1, profile.vmCount)).toFixed(1)} Gb/s usable, lower the dirty rate below ${(r / 1e6).toFixed(0)} MB/s, ` +
      `migrate fewer VMs at once, or run it with auto-converge (CPU throttling) or post-copy.`
    );
  }
  return (
    `each round still leaves more than the ${(thresholdBytes / 1e6).toFixed(0)} MB that fit the downtime limit at ${rateGbps.toFixed(1)} Gb/s per VM. ` +
    `Raise the downtime limit, use a faster link, or shrink the writable working set.`
  );
}
