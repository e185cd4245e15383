import { mean } from "simple-statistics";
import { bootstrapFit } from "../lib/model/intervals";
import {
  DEFAULT_SETTINGS,
  STRATEGY_LABELS,
  type MigrationSettings,
  type Strategy,
} from "../lib/model/migration-settings";
import { answerWhatIf, type PlannerLink } from "../lib/planner/what-if";

/*
 * Out-of-sample validation of the model, whatever migrates: fit on some cells of a plan (plain pre-copy over some
 * links and dirty rates), predict the others (other dirty rates, other strategies, untested links) before and
 * after the fit, and compare with what was measured. `measure` runs one migration (the simulator, real QEMU).
 */

export type Cell = { link: PlannerLink; dirtyBytesPerSec: number; strategy: Strategy };
export type Measured = {
  durationMs: number;
  transferredBytes: number;
  downtimeMs: number;
  /** The dirty rate the run observed (bytes/s), where it measures one. */
  dirtyRateBytesPerSec?: number | null;
  shaping?: string | null;
};

export type ValidationPlan = {
  linkScale: number;
  downtimeLimitMs: number;
  memoryBytes: number;
  iterations: number;
  /** Cells the fit learns from (plain pre-copy). */
  train: Cell[];
  /** Cells it predicts. */
  test: Cell[];
  /**
   * "asked" (default): predict each cell at the dirty rate asked of the guest, as the planner does (the fitted
   * share of it the guest achieves applies). "observed": at the rate its runs observed — what the guest really
   * did, which on a loaded machine a TCG guest falls short of — so the check is of the migration model alone.
   */
  dirtyRate?: "asked" | "observed";
};

export type ValidationRow = {
  cell: Cell;
  n: number;
  measured: Measured;
  /** Relative error of the seed's and the fitted model's prediction, per metric (null: it does not converge). */
  seed: Record<Metric, number | null>;
  fitted: Record<Metric, number | null>;
  /** Whether the measured mean lies in the fitted prediction's 80% interval, per metric. */
  inside: Record<Metric, boolean>;
};

const METRICS = ["durationMs", "transferredBytes", "downtimeMs"] as const;
type Metric = (typeof METRICS)[number];

const guest = (memoryBytes: number, dirty: number) => ({
  memoryBytes,
  vmCount: 1,
  workload: dirty > 0 ? "continuous" : "once",
  dirtyRateBytesPerSec: dirty > 0 ? dirty : null,
  workingSetBytes: null,
});

const settingsOf = (strategy: Strategy, limit: number): MigrationSettings => ({
  ...DEFAULT_SETTINGS,
  strategy,
  postcopyAfterRounds: strategy === "postcopy-after-rounds" ? 5 : null,
  downtimeLimitMs: limit,
});

export async function validateModel(
  plan: ValidationPlan,
  measure: (cell: Cell, iteration: number) => Promise<Measured>,
): Promise<{ rows: ValidationRow[]; fittedOn: number; leftOut: string[] }> {
  const runs = new Map<number, Parameters<typeof bootstrapFit>[0][number]["runs"]>();
  let nextId = 1;
  for (const cell of plan.train)
    for (let i = 1; i <= plan.iterations; i++) {
      const m = await measure(cell, i);
      runs.set(cell.link.id, [
        ...(runs.get(cell.link.id) ?? []),
        {
          ...m,
          id: nextId++,
          settingsJson: JSON.stringify({ strategy: cell.strategy, downtimeLimitMs: plan.downtimeLimitMs }),
          profile: guest(plan.memoryBytes, cell.dirtyBytesPerSec),
        },
      ]);
    }
  const links = [...new Map([...plan.train, ...plan.test].map((c) => [c.link.id, c.link])).values()];
  const boot = bootstrapFit(
    links.map((l) => ({ ...l, runs: runs.get(l.id) ?? [] })),
    plan.linkScale,
    plan.downtimeLimitMs,
    { resamples: 100 },
  );
  if (!boot) throw new Error("the fit found no comparable runs");
  const rows: ValidationRow[] = [];
  for (const cell of plan.test) {
    const all: Measured[] = [];
    for (let i = 1; i <= plan.iterations; i++) all.push(await measure(cell, i));
    const measured = {
      durationMs: mean(all.map((m) => m.durationMs)),
      transferredBytes: mean(all.map((m) => m.transferredBytes)),
      downtimeMs: mean(all.map((m) => m.downtimeMs)),
    };
    const observed = all.map((m) => m.dirtyRateBytesPerSec ?? 0).filter((x) => x > 0);
    // The rate the model must play: asked, or observed (divided by the share of it the model will apply).
    const rateFor = (fidelity: number | null | undefined) =>
      plan.dirtyRate === "observed" && cell.dirtyBytesPerSec > 0 && observed.length
        ? mean(observed) / (fidelity ?? 1)
        : cell.dirtyBytesPerSec;
    const question = (dirty: number) => ({
      link: cell.link,
      lineRateGbps: null,
      linkScale: plan.linkScale,
      profile: guest(plan.memoryBytes, dirty),
      settings: settingsOf(cell.strategy, plan.downtimeLimitMs),
      downtimeLimitMs: plan.downtimeLimitMs,
      evacuate: null,
    });
    const seed = answerWhatIf(question(rateFor(cell.link.testbed?.modelDirtyRateFidelity)), null, "seed");
    const fitted = answerWhatIf(question(rateFor(boot.params.host.dirtyRateFidelity)), boot, "fit");
    const error = (a: typeof seed, k: Metric) => (a[k] ? a[k]!.value / measured[k] - 1 : null);
    rows.push({
      cell,
      n: all.length,
      measured,
      seed: Object.fromEntries(METRICS.map((k) => [k, error(seed, k)])) as Record<Metric, number | null>,
      fitted: Object.fromEntries(METRICS.map((k) => [k, error(fitted, k)])) as Record<Metric, number | null>,
      inside: Object.fromEntries(
        METRICS.map((k) => {
          const iv = fitted[k]?.interval;
          return [k, !!iv && iv.low <= measured[k] && measured[k] <= iv.high];
        }),
      ) as Record<Metric, boolean>,
    });
  }
  return {
    rows,
    fittedOn: boot.fit.samples.length,
    leftOut: boot.fit.leftOut.map((l) => `${l.runs} on ${l.link}: ${l.reason}`),
  };
}

const pct = (x: number | null) => (x === null ? "no conv." : `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(0)}%`);

/** The rows as a markdown table (docs/model-out-of-sample.md, the closing note). */
export function validationTable(rows: ValidationRow[]): string {
  const head =
    "| link | dirty rate | strategy | runs | time measured | seed | fitted | in 80% | data measured | seed | fitted | in 80% | downtime measured | seed | fitted | in 80% |";
  const lines = rows.map((r) =>
    [
      r.cell.link.name,
      `${r.cell.dirtyBytesPerSec / 1e6} MB/s`,
      STRATEGY_LABELS[r.cell.strategy],
      r.n,
      `${(r.measured.durationMs / 1000).toFixed(2)} s`,
      pct(r.seed.durationMs),
      pct(r.fitted.durationMs),
      r.inside.durationMs ? "yes" : "no",
      `${(r.measured.transferredBytes / 1e6).toFixed(0)} MB`,
      pct(r.seed.transferredBytes),
      pct(r.fitted.transferredBytes),
      r.inside.transferredBytes ? "yes" : "no",
      `${r.measured.downtimeMs.toFixed(0)} ms`,
      pct(r.seed.downtimeMs),
      pct(r.fitted.downtimeMs),
      r.inside.downtimeMs ? "yes" : "no",
    ].join(" | "),
  );
  return [head, `|${"---|".repeat(16)}`, ...lines.map((l) => `| ${l} |`)].join("\n");
}
