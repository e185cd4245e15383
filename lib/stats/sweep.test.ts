import { test } from "node:test";
import assert from "node:assert/strict";
import { modelError, shownSweepMetrics, sweepCurves, type SweepRun } from "./sweep";
import { DEFAULT_SETTINGS, settingsKey } from "@/lib/model/migration-settings";
import { perVmRateBytesPerSec } from "@/lib/model/precopy";
import { modelLinkOf } from "@/lib/model/predict";

const GiB = 1024 ** 3;
const link = { id: 1, name: "10GbE", lineRateGbps: 10, busLimitGbps: null, modelEfficiency: 0.9, modelSetupMs: 400 };
const profile = {
  id: 7,
  name: "16 GiB once",
  memoryBytes: 16 * GiB,
  vmCount: 1,
  workload: "once",
  dirtyRateBytesPerSec: null,
  workingSetBytes: null,
};
const run = (sweepValue: number, status: string, durationMs: number | null): SweepRun => ({
  ...{ profileId: 7, linkId: 1, settingsKey: "", sweepValue, status, durationMs },
  ...{ transferredBytes: durationMs && durationMs * 1e6, downtimeMs: durationMs && 100 },
});

test("a dirty-rate sweep: a point per value that succeeded with its 95% interval, the model through the range, λ = 1 where D = r", () => {
  const values = [0, 400e6, 800e6, 1200e6];
  const curves = sweepCurves({
    sweep: { variable: "dirtyRate", values },
    runs: [
      run(0, "succeeded", 18_000),
      run(0, "succeeded", 18_400),
      run(400e6, "succeeded", 30_000),
      run(400e6, "succeeded", 31_000),
      run(400e6, "succeeded", 30_500),
      run(800e6, "failed", null),
      run(1200e6, "failed", null),
      run(1200e6, "failed", null),
    ],
    links: [link],
    profiles: [profile],
    variants: new Map([[settingsKey(DEFAULT_SETTINGS), DEFAULT_SETTINGS]]),
    linkScale: 1,
  });
  assert.equal(curves.axisLabel, "Dirty rate (MB/s)");
  assert.equal(curves.series.length, 1);
  const [s] = curves.series;
  // Points in MB/s; the interval of three values brackets their mean.
  assert.deepEqual(
    s.points.durationMs.map((p) => [p.x, p.n]),
    [
      [0, 2],
      [400, 3],
    ],
  );
  const p = s.points.durationMs[1];
  assert.ok(p.ciLow! < 30_500 && p.ciHigh! > 30_500 && Math.abs(p.mean - 30_500) < 1e-9);
  assert.deepEqual(s.failedAt, [
    { x: 800, failed: 1 },
    { x: 1200, failed: 2 },
  ]);
  // 121 model points from 0 to 1,200 MB/s; null where pre-copy does not converge.
  assert.equal(s.model.length, 121);
  assert.equal(s.model[0].x, 0);
  assert.equal(s.model[120].x, 1200);
  assert.ok(s.model[0].durationMs! > 0);
  assert.equal(s.model[120].durationMs, null);
  // λ = 1 where the dirty rate equals the continuous guest's stream rate on this link.
  const r = perVmRateBytesPerSec(modelLinkOf(link), { ...profile, workload: "continuous" });
  assert.ok(Math.abs(s.boundaryX! - r / 1e6) < 1, `λ = 1 at ${s.boundaryX} MB/s, r = ${r / 1e6}`);
  // Like QEMU, the model's pre-copy does not give up while it catches up: it converges until close to λ = 1
  // (where its rounds stop shrinking within the horizon), not at an invented multiple of memory sent.
  assert.ok(s.givesUpX === null || s.givesUpX > s.boundaryX! * 0.9, `stops converging at ${s.givesUpX}`);
  assert.ok(s.model.find((m) => m.x >= s.boundaryX! * 0.85)!.durationMs! > 0);
  // Each point carries the model's value at its own swept value: the dense curve's, where they meet.
  assert.equal(s.points.durationMs[0].model, s.model[0].durationMs);
  assert.equal(s.points.durationMs[1].model, s.model[40].durationMs);
});

test("the model's error against a series' measured means: the median and the worst, with where", () => {
  const point = (x: number, mean: number, model: number | null) => ({
    x,
    mean,
    model,
    ciLow: null,
    ciHigh: null,
    n: 3,
  });
  const e = modelError([point(0, 110, 100), point(20, 80, 100), point(40, 95, 100), point(60, 500, null)])!;
  assert.equal(e.n, 3);
  assert.ok(Math.abs(e.median - 0.1) < 1e-12, `${e.median}`);
  assert.ok(Math.abs(e.worst + 0.2) < 1e-12, `${e.worst}`);
  assert.equal(e.worstX, 20);
  assert.equal(modelError([point(0, 1, null)]), null);
});

test("a memory sweep has no λ = 1 for a guest that never dirties, and labels series by link and variant", () => {
  const post = { ...DEFAULT_SETTINGS, strategy: "postcopy" as const };
  const curves = sweepCurves({
    sweep: { variable: "memory", values: [1 * GiB, 4 * GiB] },
    runs: [
      { ...run(1 * GiB, "succeeded", 2_000), settingsKey: "" },
      { ...run(1 * GiB, "succeeded", 2_100), settingsKey: "post-copy" },
    ],
    links: [link],
    profiles: [profile],
    variants: new Map([
      ["", DEFAULT_SETTINGS],
      ["post-copy", post],
    ]),
    linkScale: 1,
  });
  assert.equal(curves.axisLabel, "Memory per VM (GiB)");
  assert.deepEqual(
    curves.series.map((s) => [s.label, s.boundaryX, s.givesUpX]),
    [
      ["10GbE · post-copy", null, null],
      ["10GbE · Pre-copy", null, null],
    ],
  );
  // Time grows with memory along the model.
  const m = curves.series[1].model;
  assert.ok(m[m.length - 1].durationMs! > m[0].durationMs! * 3);
});

test("the guest's pause joins a sweep's curves only where runs measured it, measured and never modelled", () => {
  const sweep = { variable: "dirtyRate" as const, values: [0, 400e6] };
  const common = {
    links: [link],
    profiles: [profile],
    variants: new Map([[settingsKey(DEFAULT_SETTINGS), DEFAULT_SETTINGS]]),
    linkScale: 1,
  };
  const simulated = sweepCurves({
    sweep,
    runs: [run(0, "succeeded", 18_000), run(400e6, "succeeded", 30_000)],
    ...common,
  });
  assert.deepEqual(shownSweepMetrics(simulated), ["durationMs", "transferredBytes", "downtimeMs"]);
  const felt = sweepCurves({
    sweep,
    runs: [
      { ...run(0, "succeeded", 18_000), guestPauseMs: 130 },
      { ...run(0, "succeeded", 18_200), guestPauseMs: 150 },
      { ...run(400e6, "succeeded", 30_000), guestPauseMs: 170 },
    ],
    ...common,
  });
  assert.deepEqual(shownSweepMetrics(felt), ["durationMs", "transferredBytes", "downtimeMs", "guestPauseMs"]);
  const points = felt.series[0].points.guestPauseMs;
  assert.deepEqual(
    points.map((p) => [p.x, p.mean, p.n, p.model]),
    [
      [0, 140, 2, null],
      [400, 170, 1, null],
    ],
  );
  assert.equal(modelError(points), null, "nothing to hold the model against");
});
