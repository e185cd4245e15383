/**
 * The pre-copy live-migration model (README, "The reference data and the calibrated simulator"). Pure functions, no I/O.
 *
 * Memory M per VM, per-VM wire rate r, dirty rate D, λ = D / r. Round 0 sends all non-zero memory;
 * round i sends what was dirtied during round i−1, at most the writable working set W. Pre-copy stops
 * when the next round fits in the downtime budget (QEMU: threshold = bandwidth × downtime limit), then
 * the VM is paused and the rest is sent (stop-and-copy = downtime). It gives up after a round limit
 * or a data cap (Xen: 30 rounds or 3 × M). Several VMs migrated together share the link equally.
 * Sources: Liu et al. HPDC 2011; SimGrid VmLiveMigration.cpp; Xen xc_domain_save.c; QEMU migration.c.
 */
import { bytesPerSecToGbps, throughputGbps } from "./rates";

import type { Workload } from "./vocabulary";

export type { Workload };

/** What is migrated. Sizes and rates per VM. */
export type ModelProfile = {
  memoryBytes: number;
  vmCount: number;
  workload: Workload | string;
  dirtyRateBytesPerSec: number | null;
  workingSetBytes: number | null;
};

/** The path: its usable rate and the calibrated share of it a migration stream achieves. */
export type ModelLink = {
  usableRateGbps: number;
  /** Fraction of the usable rate achieved by the migration stream (protocol, CPU, NIC). */
  efficiency: number;
  /** Fixed cost before the first byte moves (pre-checks, destination VM creation). */
  setupMs: number;
};

/** Parameters shared by every link and profile; per-workload factors are keyed by workload. */
export type ModelParams = {
  downtimeLimitMs: number;
  maxRounds: number;
  /** Give up when the bytes sent exceed this multiple of memory. */
  maxDataFactor: number;
  /** Bytes on the wire per byte of non-zero memory (page headers, re-sent pages). */
  wireOverhead: number;
  /** Fraction of an idle VM's memory the guest OS has touched (non-zero pages). */
  idleResidentFraction: number;
  /** Bytes on the wire per byte of a zero page (a marker per page, not the page). */
  zeroPageWireFraction: number;
  /** Per workload: the migration stream's rate relative to an idle guest (a dirtying guest competes for CPU and memory bandwidth). */
  workloadRateFactor: Record<Workload, number>;
};

export const DEFAULT_MODEL_PARAMS: ModelParams = {
  downtimeLimitMs: 500,
  maxRounds: 30,
  maxDataFactor: 3,
  wireOverhead: 1.058,
  idleResidentFraction: 0.03,
  zeroPageWireFraction: 1 / 512,
  workloadRateFactor: { idle: 1, once: 1, continuous: 0.92 },
};

export type Round = {
  round: number;
  /** Bytes of memory sent in this round (before wire overhead). */
  memoryBytes: number;
  wireBytes: number;
  durationMs: number;
  /** Dirtied while this round was sent: what the next round must send. */
  dirtiedBytes: number;
};

export type MigrationPrediction = {
  converges: boolean;
  /** λ = D / r per VM; ≥ 1 means pre-copy cannot catch up. */
  lambda: number;
  perVmRateBytesPerSec: number;
  durationMs: number;
  /** All VMs together. */
  transferredBytes: number;
  downtimeMs: number;
  throughputGbps: number;
  /** Pre-copy rounds before the stop-and-copy. */
  precopyRounds: number;
  rounds: Round[];
  /** Why it did not converge, and what would make it. */
  reason: string | null;
  advice: string | null;
};

const GBPS_TO_BYTES_PER_SEC = 1e9 / 8;

function workloadOf(w: string): Workload {
  return w === "idle" || w === "once" || w === "continuous" ? w : "once";
}

/** The per-VM wire rate in bytes/s for a link, workload and VM count. */
export function perVmRateBytesPerSec(
  link: ModelLink,
  profile: ModelProfile,
  params: ModelParams = DEFAULT_MODEL_PARAMS,
): number {
  const factor = params.workloadRateFactor[workloadOf(profile.workload)];
  return (link.usableRateGbps * GBPS_TO_BYTES_PER_SEC * link.efficiency * factor) / Math.max(1, profile.vmCount);
}

/**
 * Predicts one migration of a profile over a link: time, bytes, downtime, rounds, and whether
 * pre-copy converges. `perturb` scales rate and dirty rate (used by the simulator for run-to-run noise).
 */
export function predictMigration(
  link: ModelLink,
  profile: ModelProfile,
  params: ModelParams = DEFAULT_MODEL_PARAMS,
  perturb: { rateFactor?: number; dirtyFactor?: number; setupFactor?: number } = {},
): MigrationPrediction {
  const workload = workloadOf(profile.workload);
  const M = profile.memoryBytes;
  const r = perVmRateBytesPerSec(link, profile, params) * (perturb.rateFactor ?? 1);
  const D = workload === "continuous" ? (profile.dirtyRateBytesPerSec ?? 0) * (perturb.dirtyFactor ?? 1) : 0;
  const W = Math.min(M, profile.workingSetBytes ?? M);
  const lambda = r > 0 ? D / r : Infinity;
  const thresholdBytes = (r * params.downtimeLimitMs) / 1000;

  const rounds: Round[] = [];
  const wire = (bytes: number) => bytes * params.wireOverhead;
  const push = (memoryBytes: number, wireBytes: number) => {
    const durationMs = (wireBytes / r) * 1000;
    const dirtiedBytes = Math.min(W, D * (durationMs / 1000));
    rounds.push({ round: rounds.length, memoryBytes, wireBytes, durationMs, dirtiedBytes });
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
  // Iterate while the dirtied set does not fit the downtime budget.
  while (next > thresholdBytes) {
    if (rounds.length >= params.maxRounds || sentMemory + next > params.maxDataFactor * M) {
      converges = false;
      reason =
        rounds.length >= params.maxRounds
          ? `did not converge after ${params.maxRounds} pre-copy rounds`
          : `did not converge before sending ${params.maxDataFactor}× the VM's memory`;
      break;
    }
    sentMemory += next;
    next = push(next, wire(next));
  }
  const precopyRounds = rounds.length;
  // Stop-and-copy: the VM is paused, nothing more is dirtied.
  const finalWire = wire(next);
  const downtimeMs = (finalWire / r) * 1000;
  rounds.push({
    round: rounds.length,
    memoryBytes: next,
    wireBytes: finalWire,
    durationMs: downtimeMs,
    dirtiedBytes: 0,
  });

  const perVmWire = rounds.reduce((a, x) => a + x.wireBytes, 0);
  const transferMs = rounds.reduce((a, x) => a + x.durationMs, 0);
  const durationMs = link.setupMs * (perturb.setupFactor ?? 1) + transferMs;
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
  };
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
      `migrate fewer VMs at once, or enable auto-converge (CPU throttling).`
    );
  }
  return (
    `each round still leaves more than the ${(thresholdBytes / 1e6).toFixed(0)} MB that fit the downtime limit at ${rateGbps.toFixed(1)} Gb/s per VM. ` +
    `Raise the downtime limit, use a faster link, or shrink the writable working set.`
  );
}
