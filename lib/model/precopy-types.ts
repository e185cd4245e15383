import type { Workload } from "./vocabulary";

/* What the pre-copy model (./precopy.ts) reads and what it predicts. */

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
  /** The most one migration stream achieves (CPU-bound); null or absent: one stream fills the link. */
  streamCeilingGbps?: number | null;
  /** A dirtying guest's stream rate relative to an idle one's here (fitted); null or absent: the params' factor. */
  dirtyingRateFactor?: number | null;
  /** Bytes on the wire per byte of memory sent here (fitted); null or absent: the params' overhead. */
  wireOverhead?: number | null;
  /**
   * The fixed part of the pause here (device state, resume), added to what the stop-and-copy sends, in ms
   * (fitted from measured downtimes); it is post-copy's switchover too. Null or absent: none for pre-copy,
   * the params' `postcopySwitchMs` for post-copy.
   */
  switchoverMs?: number | null;
  /** The share of the asked dirty rate a guest achieves here (fitted from observed rates); null or absent: 1. */
  dirtyRateFidelity?: number | null;
};

/** Parameters shared by every link and profile; per-workload factors are keyed by workload. */
export type ModelParams = {
  downtimeLimitMs: number;
  /**
   * How long pre-copy may run before the model says it does not converge (QEMU never gives up on its own:
   * what stops it is the run's timeout). A bound on the computation, not a rule of the hypervisor.
   */
  horizonMs: number;
  /** A bound on the rounds computed (QEMU has none): past it the model says it does not converge. */
  maxRounds: number;
  /** Bytes on the wire per byte of non-zero memory (page headers, re-sent pages). */
  wireOverhead: number;
  /** Fraction of an idle VM's memory the guest OS has touched (non-zero pages). */
  idleResidentFraction: number;
  /** Bytes on the wire per byte of a zero page (a marker per page, not the page). */
  zeroPageWireFraction: number;
  /** Per workload: the migration stream's rate relative to an idle guest (a dirtying guest competes for CPU and memory bandwidth). */
  workloadRateFactor: Record<Workload, number>;
  /** Bytes on the wire per byte of a re-sent page that XBZRLE finds in its cache (the delta). */
  xbzrleWireFraction: number;
  /** The post-copy switchover: device state and the dirty bitmap, with the guest paused. */
  postcopySwitchMs: number;
  /** QEMU's throttle trigger: a round whose guest dirtied more than this share of what it sent. */
  throttleTriggerFraction: number;
  /** How often pre-copy checks whether what is pending fits the budget (QEMU: a burst of at most 50 ms). */
  completionCheckMs: number;
  /**
   * When the first check can come: the budget is the measured bandwidth × the limit, and the bandwidth is
   * first measured after this long (QEMU: 100 ms). A guest whose whole memory fits the budget stops then.
   */
  firstCheckMs: number;
};

export const DEFAULT_MODEL_PARAMS: ModelParams = {
  downtimeLimitMs: 500,
  horizonMs: 600_000,
  maxRounds: 2000,
  wireOverhead: 1.058,
  idleResidentFraction: 0.03,
  zeroPageWireFraction: 1 / 512,
  workloadRateFactor: { idle: 1, once: 1, continuous: 0.92 },
  xbzrleWireFraction: 0.3,
  postcopySwitchMs: 50,
  throttleTriggerFraction: 0.5,
  completionCheckMs: 50,
  firstCheckMs: 100,
};

export type Round = {
  round: number;
  /** Bytes of memory sent in this round (before wire overhead). */
  memoryBytes: number;
  wireBytes: number;
  durationMs: number;
  /** Dirtied while this round was sent: what the next round must send. */
  dirtiedBytes: number;
  /**
   * A pre-copy round cut short when what was pending first fitted the downtime budget: its pages not yet sent,
   * which the stop-and-copy sends (absent: the round sent all it had).
   */
  leftBytes?: number;
  /** precopy: the guest runs; stop-copy: paused; switchover: paused for post-copy; postcopy: the guest runs on the destination. */
  phase: "precopy" | "stop-copy" | "switchover" | "postcopy";
  /** auto-converge: the vCPU throttle during the round (%). */
  throttlePct: number;
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
  /** auto-converge: the highest vCPU throttle reached (%); null without auto-converge. */
  maxThrottlePct: number | null;
  /** post-copy: when the guest switched (ms from the start), and how long it ran degraded after; null when it did not switch. */
  postcopySwitchAtMs: number | null;
  postcopyMs: number | null;
  /** XBZRLE: the share of re-sent pages its cache held; null without XBZRLE. */
  xbzrleHitRatio: number | null;
};
