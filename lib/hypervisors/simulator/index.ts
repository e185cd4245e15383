import { DEFAULT_MODEL_PARAMS, predictMigration, type MigrationPrediction, type ModelLink } from "@/lib/model/precopy";
import type { HypervisorAdapter, MigrationResult, MigrationSample, MigrationSpec, PerVmResult } from "../types";
import { gaussian, seededRandom } from "./random";
import { emulatedRateGbps } from "../common/emulated-rate";
import { sleep } from "../common/sleep";
import { ALL_CAPABLE } from "../common/capabilities";
import { bytesPerSecToGbps, throughputGbps } from "@/lib/model/rates";

/** Run-to-run variation: relative standard deviations of rate, dirty rate and setup time. */
const NOISE = { rate: 0.02, dirty: 0.03, setup: 0.1 };
/** At most this many samples per run; at least one every 250 ms of simulated time. */
const MAX_SAMPLES = 200;
const MIN_SAMPLE_INTERVAL_MS = 250;

function modelLink(spec: MigrationSpec): ModelLink {
  return {
    usableRateGbps: emulatedRateGbps(spec),
    efficiency: spec.link.modelEfficiency,
    setupMs: spec.link.modelSetupMs,
    streamCeilingGbps: spec.link.modelStreamCeilingGbps,
    dirtyingRateFactor: spec.link.modelDirtyingRateFactor,
    wireOverhead: spec.link.modelWireOverhead,
    switchoverMs: spec.link.modelSwitchoverMs,
    dirtyRateFidelity: spec.link.modelDirtyRateFidelity ?? null,
  };
}

function perturbation(random: () => number) {
  return {
    rateFactor: Math.max(0.5, 1 + NOISE.rate * gaussian(random)),
    dirtyFactor: Math.max(0.5, 1 + NOISE.dirty * gaussian(random)),
    setupFactor: Math.max(0.2, 1 + NOISE.setup * gaussian(random)),
  };
}

/**
 * The progress series of a predicted migration, as QEMU reports it: within a round the remaining bytes
 * fall as the pass sends them; at the round's end the dirty bitmap is synced and the pages the guest
 * dirtied meanwhile appear at once — the next round's work — so the curve is a sawtooth with a step per
 * pre-copy round, ending at zero after the stop-and-copy.
 */
export function timeline(
  prediction: MigrationPrediction,
  setupMs: number,
  vmCount: number,
  dirtyRate: number | null,
): MigrationSample[] {
  const totalMs = prediction.durationMs;
  const interval = Math.max(MIN_SAMPLE_INTERVAL_MS, totalMs / MAX_SAMPLES);
  const samples: MigrationSample[] = [];
  const rateGbps = bytesPerSecToGbps(prediction.perVmRateBytesPerSec * vmCount);
  let transferred = 0;
  let roundStartMs = setupMs;
  const first = prediction.rounds[0];
  samples.push({
    tMs: 0,
    transferredBytes: 0,
    remainingBytes: (first.memoryBytes + (first.leftBytes ?? 0)) * vmCount,
    throughputGbps: 0,
    dirtyRateBytesPerSec: dirtyRate,
    round: 0,
  });
  prediction.rounds.forEach((round, i) => {
    // The round begins with its whole set outstanding (after the first: the step up at the sync); a round cut
    // short when the rest fitted the downtime budget leaves its unsent pages to the stop-and-copy. A round
    // of nothing (the stop-and-copy of a guest that dirtied nothing) is only its end: no moment is stored twice.
    if (i > 0 && round.durationMs > 0)
      samples.push({
        tMs: roundStartMs,
        transferredBytes: transferred,
        remainingBytes: round.memoryBytes * vmCount,
        throughputGbps: rateGbps,
        dirtyRateBytesPerSec: dirtyRate,
        round: round.round,
      });
    const steps = Math.max(1, Math.ceil(round.durationMs / interval));
    for (let s = 1; s <= steps; s++) {
      const fraction = s / steps;
      samples.push({
        tMs: roundStartMs + round.durationMs * fraction,
        transferredBytes: transferred + round.wireBytes * fraction * vmCount,
        remainingBytes: (round.memoryBytes * (1 - fraction) + (round.leftBytes ?? 0)) * vmCount,
        throughputGbps: rateGbps,
        dirtyRateBytesPerSec: dirtyRate,
        round: round.round,
      });
    }
    transferred += round.wireBytes * vmCount;
    roundStartMs += round.durationMs;
  });
  return samples;
}

/**
 * The calibrated pre-copy simulator. Deterministic for a seed; small seeded noise makes iterations
 * differ like real ones. Plays the migration out in simulated time scaled by options.timeScale.
 */
export const simulatorAdapter: HypervisorAdapter = {
  kind: "simulator",
  label: "Simulator (calibrated pre-copy model)",

  settingsProblems() {
    return [];
  },

  capabilities() {
    return ALL_CAPABLE;
  },

  async check() {
    return { ok: true, problems: [], details: ["The simulator needs no hardware and runs on any machine."] };
  },

  async migrate(spec, { onSample, signal }): Promise<MigrationResult> {
    const random = seededRandom(spec.seed);
    const profile = spec.profile;
    const noise = perturbation(random);
    const prediction = predictMigration(modelLink(spec), profile, DEFAULT_MODEL_PARAMS, noise, spec.settings);
    const setupMs = spec.link.modelSetupMs * noise.setupFactor;
    const dirtyRate =
      profile.workload === "continuous"
        ? (profile.dirtyRateBytesPerSec ?? 0) * noise.dirtyFactor * (spec.link.modelDirtyRateFidelity ?? 1)
        : null;
    const samples = timeline(prediction, setupMs, profile.vmCount, dirtyRate && dirtyRate * profile.vmCount);

    const startedAt = Date.now();
    for (const sample of samples) {
      if (spec.options.timeScale > 0) {
        const dueAt = startedAt + sample.tMs / spec.options.timeScale;
        await sleep(dueAt - Date.now(), signal);
      }
      if (signal.aborted) {
        return { status: "cancelled", reason: `Cancelled at ${(sample.tMs / 1000).toFixed(1)} s of simulated time` };
      }
      onSample(sample);
    }

    const rawStats = {
      model: "pre-copy",
      params: DEFAULT_MODEL_PARAMS,
      link: modelLink(spec),
      seed: spec.seed,
      noise,
      settings: spec.settings,
      lambda: prediction.lambda,
      maxThrottlePct: prediction.maxThrottlePct,
      postcopySwitchAtMs: prediction.postcopySwitchAtMs,
      postcopyMs: prediction.postcopyMs,
      xbzrleHitRatio: prediction.xbzrleHitRatio,
      perVmRateBytesPerSec: prediction.perVmRateBytesPerSec,
      rounds: prediction.rounds,
    };
    if (!prediction.converges) {
      return {
        status: "failed",
        reason: `Migration ${prediction.reason}: ${prediction.advice}`,
        rawStats,
        partial: { transferredBytes: prediction.transferredBytes, precopyRounds: prediction.precopyRounds },
      };
    }

    let perVm: PerVmResult[] | undefined;
    if (profile.vmCount > 1) {
      perVm = Array.from({ length: profile.vmCount }, (_, i) => {
        const jitter = 1 + 0.01 * gaussian(random);
        return {
          vm: i + 1,
          durationMs: prediction.durationMs * jitter,
          downtimeMs: prediction.downtimeMs * jitter,
          transferredBytes: prediction.transferredBytes / profile.vmCount,
        };
      });
    }
    const durationMs = perVm ? Math.max(...perVm.map((v) => v.durationMs)) : prediction.durationMs;
    return {
      status: "succeeded",
      durationMs,
      downtimeMs: prediction.downtimeMs,
      transferredBytes: prediction.transferredBytes,
      throughputGbps: throughputGbps(prediction.transferredBytes, durationMs),
      precopyRounds: prediction.precopyRounds,
      dirtyRateBytesPerSec: dirtyRate,
      perVm,
      rawStats,
    };
  },
};
