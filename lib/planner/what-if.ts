import { usableRateGbps } from "@/lib/model/rates";
import { predictRun, type LinkWithModel } from "@/lib/model/predict";
import type { MigrationPrediction, ModelProfile } from "@/lib/model/precopy";
import { STRATEGIES, STRATEGY_LABELS, type MigrationSettings, type Strategy } from "@/lib/model/migration-settings";
import { fittedLink, intervalsOf, type Bootstrap, type FittedParams, type Interval } from "@/lib/model/intervals";
import { planEvacuation, type Evacuation } from "./evacuation";

/**
 * The what-if planner: the model, fitted to a testbed's runs, asked about what was not run — another link speed,
 * dirty rate, memory size, VM count, strategy or downtime limit, or a host evacuation — with intervals from the
 * fit's bootstrap (lib/model/intervals.ts). Pure: the caller loads the testbed and its runs.
 */

export type PlannerLink = LinkWithModel & { id: number; name: string };

export type WhatIfQuestion = {
  /** The stored link whose fitted stream is used; `lineRateGbps` asks about another speed over the same hosts. */
  link: PlannerLink;
  lineRateGbps: number | null;
  linkScale: number;
  profile: ModelProfile;
  settings: MigrationSettings;
  /** The downtime limit the answer is judged against (the settings' or the testbed's). */
  downtimeLimitMs: number;
  evacuate: { vms: number; concurrent: number } | null;
};

export type Estimate = { value: number; interval: Interval | null };

export type WhatIfAnswer = {
  /** The path asked about: its rate as runs see it (after the testbed's scale). */
  rateGbps: number;
  converges: boolean;
  reason: string | null;
  advice: string | null;
  /** λ = D / r per VM: below 1 pre-copy catches up; the closer to 1, the longer it takes. */
  lambda: number;
  durationMs: Estimate | null;
  transferredBytes: Estimate | null;
  downtimeMs: Estimate | null;
  /** The predicted pause exceeds the downtime limit (the hypervisor will overshoot it). */
  downtimeOverLimit: boolean;
  rounds: number;
  /** How many of the bootstrap's resampled models converge (null: no fit); under 80%, no interval is given. */
  resamplesConverging: { n: number; of: number } | null;
  /** The model behind the numbers: fitted on runs, or the seed. */
  calibration: string;
  /** The first standard link speed (line rate, Gb/s) at which this converges, and its time there. */
  firstConvergingLink: { lineRateGbps: number; durationMs: number } | null;
  /** Time, data and downtime against link speed (line rate), for the chart. */
  bySpeed: { lineRateGbps: number; durationMs: number | null; transferredBytes: number | null }[];
  /** Every strategy on the same question, and which one the planner suggests. */
  strategies: {
    strategy: Strategy;
    label: string;
    converges: boolean;
    durationMs: number | null;
    downtimeMs: number | null;
    transferredBytes: number | null;
    downtimeOverLimit: boolean;
  }[];
  suggestedStrategy: Strategy | null;
  /** The evacuation asked about, with its total time as an estimate (null: none asked). */
  evacuation: (Evacuation & { total: Estimate }) | null;
};

/** Link speeds (line rate, Gb/s) the planner tries for "which speed first makes it converge". */
export const STANDARD_SPEEDS_GBPS = [1, 10, 25, 40, 50, 100, 200, 400] as const;

/** The stored link at another line rate (no bus limit: a different NIC), everything else as fitted. */
function atSpeed<L extends PlannerLink>(link: L, lineRateGbps: number | null): L {
  return lineRateGbps === null || lineRateGbps === link.lineRateGbps
    ? link
    : { ...link, lineRateGbps, busLimitGbps: null };
}

export function answerWhatIf(q: WhatIfQuestion, boot: Bootstrap | null, seedCalibration: string): WhatIfAnswer {
  const params: FittedParams | null = boot?.params ?? null;
  const linkUnder = (p: FittedParams | null, lineRateGbps = q.lineRateGbps) =>
    atSpeed(p ? fittedLink(q.link, p) : q.link, lineRateGbps);
  const predict = (p: FittedParams | null, settings = q.settings, lineRateGbps = q.lineRateGbps) =>
    predictRun(linkUnder(p, lineRateGbps), q.profile, q.linkScale, settings);
  const point = predict(params);
  const spread = boot
    ? intervalsOf(boot, (p) => {
        const x = predict(p);
        return x.converges
          ? { durationMs: x.durationMs, transferredBytes: x.transferredBytes, downtimeMs: x.downtimeMs }
          : null;
      })
    : null;
  const intervals = spread?.intervals ?? {};
  const estimate = (value: number, key: keyof typeof intervals): Estimate => ({
    value,
    interval: intervals[key] ?? null,
  });
  const bySpeed = STANDARD_SPEEDS_GBPS.map((lineRateGbps) => {
    const x = predict(params, q.settings, lineRateGbps);
    return {
      lineRateGbps,
      durationMs: x.converges ? x.durationMs : null,
      transferredBytes: x.converges ? x.transferredBytes : null,
    };
  });
  const first = bySpeed.find((s) => s.durationMs !== null);
  const strategies = STRATEGIES.map((strategy) => {
    const settings: MigrationSettings = {
      ...q.settings,
      strategy,
      postcopyAfterRounds: strategy === "postcopy-after-rounds" ? (q.settings.postcopyAfterRounds ?? 5) : null,
    };
    const x = predict(params, settings);
    return {
      strategy,
      label: STRATEGY_LABELS[strategy],
      converges: x.converges,
      durationMs: x.converges ? x.durationMs : null,
      downtimeMs: x.converges ? x.downtimeMs : null,
      transferredBytes: x.converges ? x.transferredBytes : null,
      downtimeOverLimit: x.converges && x.downtimeMs > q.downtimeLimitMs,
    };
  });
  const suggested = strategies
    .filter((s) => s.converges && !s.downtimeOverLimit)
    .sort((a, b) => a.durationMs! - b.durationMs!)[0];
  return {
    rateGbps: usableRateGbps(linkUnder(params)) * q.linkScale,
    converges: point.converges,
    reason: point.reason,
    advice: point.advice,
    lambda: point.lambda,
    durationMs: point.converges ? estimate(point.durationMs, "durationMs") : null,
    transferredBytes: point.converges ? estimate(point.transferredBytes, "transferredBytes") : null,
    downtimeMs: point.converges ? estimate(point.downtimeMs, "downtimeMs") : null,
    downtimeOverLimit: point.converges && point.downtimeMs > q.downtimeLimitMs,
    rounds: point.precopyRounds,
    resamplesConverging: spread ? { n: spread.converging, of: spread.resamples } : null,
    calibration: boot
      ? `fitted on ${boot.fit.samples.length} comparable run${boot.fit.samples.length === 1 ? "" : "s"} of this testbed; intervals hold 80% of ${boot.resampled.length} bootstrap resamples, each with one run's residual`
      : seedCalibration,
    firstConvergingLink: first ? { lineRateGbps: first.lineRateGbps, durationMs: first.durationMs! } : null,
    bySpeed,
    strategies,
    suggestedStrategy: suggested?.strategy ?? null,
    evacuation: q.evacuate ? evacuationEstimate(q, boot, (p, vms) => predictFor(p, vms)) : null,
  };

  function predictFor(p: FittedParams | null, vms: number): MigrationPrediction {
    return predictRun(linkUnder(p), { ...q.profile, vmCount: vms }, q.linkScale, q.settings);
  }
}

function evacuationEstimate(
  q: WhatIfQuestion,
  boot: Bootstrap | null,
  predictFor: (p: FittedParams | null, vms: number) => MigrationPrediction,
): Evacuation & { total: Estimate } {
  const plan = planEvacuation(q.evacuate!, (vms) => predictFor(boot?.params ?? null, vms));
  const intervals = boot
    ? intervalsOf(boot, (p) => {
        const again = planEvacuation(q.evacuate!, (vms) => predictFor(p, vms));
        return again.converges ? { durationMs: again.totalMs } : null;
      }).intervals
    : {};
  return { ...plan, total: { value: plan.totalMs, interval: intervals.durationMs ?? null } };
}
