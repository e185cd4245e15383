import { test } from "node:test";
import assert from "node:assert/strict";
import { mean } from "simple-statistics";
import { simulatorAdapter } from "@/lib/hypervisors/simulator";
import { migrationSpec, SIMULATOR_TESTBED } from "../../test-support/migration-spec";
import { bootstrapFit } from "@/lib/model/intervals";
import { DEFAULT_SETTINGS } from "@/lib/model/migration-settings";
import { answerWhatIf } from "./what-if";

/*
 * Out of sample on the simulator: its hidden truth (hosts whose dirtying guest streams at 80% of an idle one's,
 * no page headers, 5 ms more pause; streams at 95% of each link, 80 ms setup) plays the runs, with its run-to-run
 * noise; the planner starts from a seed that knows none of it (100% efficiency, the vMotion calibration's
 * factors). It is fitted on part of a dirty-rate sweep over one link only, then predicts the rest of the sweep
 * and every cell of the other, untested link.
 */

const MiB = 1024 ** 2;
const testbed = SIMULATOR_TESTBED;
const hosts = { modelDirtyingRateFactor: 0.8, modelWireOverhead: 1, modelSwitchoverMs: 5 };
const LINKS = [
  { id: 1, name: "1 Gb/s", lineRateGbps: 1 },
  { id: 2, name: "2.5 Gb/s", lineRateGbps: 2.5 },
];
const seedLink = (l: (typeof LINKS)[number]) => ({ ...l, busLimitGbps: null, modelEfficiency: 1, modelSetupMs: 50 });
const profile = { workload: "continuous", memoryBytes: 256 * MiB, vmCount: 1, dirtyRateBytesPerSec: 60e6 };
const settings = { ...DEFAULT_SETTINGS, downtimeLimitMs: 300 };
const ITERATIONS = 3;

/** One simulated run of the hidden truth: a link, a dirty rate (0: written once), an iteration's seed. */
async function measure(link: (typeof LINKS)[number], dirty: number, iteration: number) {
  const spec = migrationSpec(testbed, {
    link: {
      ...link,
      usableRateGbps: link.lineRateGbps,
      modelEfficiency: 0.95,
      modelSetupMs: 80,
      ...hosts,
    },
    profile: {
      memoryBytes: profile.memoryBytes,
      workload: dirty ? "continuous" : "once",
      dirtyRateBytesPerSec: dirty || null,
    },
    settings,
  });
  const seed = link.id * 1000 + dirty / 1e6 + iteration * 7;
  const result = await simulatorAdapter.migrate(
    { ...spec, seed, options: { timeScale: 0 } },
    { onSample: () => {}, signal: new AbortController().signal },
  );
  assert.equal(result.status, "succeeded");
  const ok = result as Extract<typeof result, { status: "succeeded" }>;
  return { durationMs: ok.durationMs!, transferredBytes: ok.transferredBytes!, downtimeMs: ok.downtimeMs! };
}

test("fitted on 0–40 MB/s over one link, the planner predicts 60–80 MB/s there and the untested link (±15% time and data, ±25% downtime, 80% inside the interval)", async () => {
  const fitted = [0, 20e6, 40e6];
  const runs: Parameters<typeof bootstrapFit>[0][number]["runs"] = [];
  for (const dirty of fitted)
    for (let i = 1; i <= ITERATIONS; i++)
      runs.push({
        ...(await measure(LINKS[0], dirty, i)),
        settingsJson: JSON.stringify({ downtimeLimitMs: 300 }),
        profile,
        sweepVariable: "dirtyRate",
        sweepValue: dirty,
      });
  const boot = bootstrapFit(
    LINKS.map((l) => ({ ...seedLink(l), runs: l.id === 1 ? runs : [] })),
    1,
    300,
    { resamples: 100 },
  )!;
  assert.ok(boot, "the fit found its runs");

  const cells: { link: string; dirty: number; metric: string; error: number; inside: boolean; width: number }[] = [];
  const seedErrors: number[] = [];
  const heldOut = [
    ...[60e6, 80e6].map((dirty) => ({ link: LINKS[0], dirty })),
    ...[0, 20e6, 40e6, 60e6, 80e6].map((dirty) => ({ link: LINKS[1], dirty })),
  ];
  for (const { link, dirty } of heldOut) {
    const measured = [];
    for (let i = 1; i <= ITERATIONS; i++) measured.push(await measure(link, dirty, i));
    const question = {
      link: seedLink(link),
      lineRateGbps: null,
      linkScale: 1,
      profile: {
        ...profile,
        workload: dirty ? "continuous" : "once",
        dirtyRateBytesPerSec: dirty || null,
        workingSetBytes: null,
      },
      settings,
      downtimeLimitMs: 300,
      evacuate: null,
    };
    const answer = answerWhatIf(question, boot, "seed");
    const seed = answerWhatIf(question, null, "seed");
    seedErrors.push(Math.abs(seed.durationMs!.value / mean(measured.map((m) => m.durationMs)) - 1));
    assert.ok(answer.converges, `${link.name} at ${dirty / 1e6} MB/s: ${answer.reason}`);
    for (const metric of ["durationMs", "transferredBytes", "downtimeMs"] as const) {
      const value = mean(measured.map((m) => m[metric]));
      const predicted = answer[metric]!;
      const interval = predicted.interval!;
      cells.push({
        link: link.name,
        dirty,
        metric,
        error: predicted.value / value - 1,
        inside: interval.low <= value && value <= interval.high,
        width: (interval.high - interval.low) / predicted.value,
      });
    }
  }
  console.log(
    cells
      .map(
        (c) =>
          `${c.link} ${c.dirty / 1e6} MB/s ${c.metric}: ${(c.error * 100).toFixed(1)}% ${c.inside ? "inside" : "OUTSIDE"} (interval ${(c.width * 100).toFixed(1)}% wide)`,
      )
      .join("\n"),
  );
  for (const c of cells)
    assert.ok(
      Math.abs(c.error) < (c.metric === "downtimeMs" ? 0.25 : 0.15),
      `${c.link} at ${c.dirty / 1e6} MB/s, ${c.metric}: ${(c.error * 100).toFixed(1)}%`,
    );
  const inside = cells.filter((c) => c.inside).length / cells.length;
  assert.ok(inside >= 0.8, `${(inside * 100).toFixed(0)}% of cells inside their interval`);
  // The intervals say something: the time's is at most 30% of the value wide (±15%).
  for (const c of cells.filter((c) => c.metric === "durationMs"))
    assert.ok(c.width < 0.3, `${c.link} ${c.dirty}: ${c.width}`);
  // And the fit earned its keep: the seed alone is further off on time.
  const fittedWorst = Math.max(...cells.filter((c) => c.metric === "durationMs").map((c) => Math.abs(c.error)));
  assert.ok(Math.max(...seedErrors) > fittedWorst + 0.05, `seed ${Math.max(...seedErrors)} vs fitted ${fittedWorst}`);
});
