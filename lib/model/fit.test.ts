import { test } from "node:test";
import assert from "node:assert/strict";
import { fitLinkModel } from "./fit";

const MiB = 1024 ** 2;

test("recovers efficiency and setup from runs of two sizes", () => {
  // 1 Gb/s at 80% efficiency with 300 ms setup.
  const truth = (bytes: number) => 300 + ((bytes * 8) / (1e9 * 0.8)) * 1000;
  const runs = [256 * MiB, 256 * MiB, 1024 * MiB, 1024 * MiB].map((b, i) => ({
    transferredBytes: b,
    durationMs: truth(b) * (i % 2 ? 1.01 : 0.99),
  }));
  const fit = fitLinkModel(runs, 1, { efficiency: 1, setupMs: 50 })!;
  assert.ok(Math.abs(fit.efficiency - 0.8) < 0.02, `efficiency ${fit.efficiency}`);
  assert.ok(Math.abs(fit.setupMs - 300) < 60, `setup ${fit.setupMs}`);
  assert.ok(fit.errorAfter < fit.errorBefore);
  assert.ok(fit.errorAfter < 0.02);
});

test("with one size it keeps the setup time and fits the efficiency", () => {
  const runs = [{ transferredBytes: 268e6, durationMs: 50 + 1984 }];
  const fit = fitLinkModel(runs, 1, { efficiency: 0.9, setupMs: 50 })!;
  assert.equal(fit.setupMs, 50);
  assert.ok(Math.abs(fit.efficiency - (268e6 * 8) / 1e9 / 1.984) < 0.01);
});

test("nothing to fit without measured runs", () => {
  assert.equal(fitLinkModel([], 1, { efficiency: 1, setupMs: 0 }), null);
  assert.equal(fitLinkModel([{ transferredBytes: 0, durationMs: 10 }], 1, { efficiency: 1, setupMs: 0 }), null);
});

test("a dirtying guest's slower stream is the workload's, not the link's: the fit divides it out", async () => {
  const { fitTestbedLinks } = await import("./fit-testbed");
  const { DEFAULT_MODEL_PARAMS } = await import("./precopy");
  const { predictRun } = await import("./predict");
  const factor = DEFAULT_MODEL_PARAMS.workloadRateFactor.continuous;
  // A 1 Gb/s link whose continuous-guest runs stream at 1.05 Gb/s (efficiency 1.05 / factor for an idle guest).
  const time = (bytes: number) => 50 + ((bytes * 8) / 1.05e9) * 1000;
  const link = { id: 1, name: "1 Gb/s", lineRateGbps: 1, busLimitGbps: null, modelEfficiency: 1, modelSetupMs: 50 };
  const runs = [300e6, 450e6, 600e6].map((bytes, i) => ({
    transferredBytes: bytes,
    durationMs: time(bytes),
    profile: { workload: i === 0 ? "idle" : "once" },
    sweepVariable: "dirtyRate",
    sweepValue: 20e6 * (i + 1),
  }));
  const [{ fit }] = fitTestbedLinks([{ ...link, runs }], 1);
  assert.ok(Math.abs(fit.efficiency - 1.05 / factor) < 0.01, `efficiency ${fit.efficiency}`);
  // So the model streams a continuous guest at the measured 1.05 Gb/s, and an idle one faster.
  const guest = {
    memoryBytes: 256 * MiB,
    vmCount: 1,
    workload: "idle",
    dirtyRateBytesPerSec: null,
    workingSetBytes: null,
  };
  const idle = predictRun({ ...link, modelEfficiency: fit.efficiency, modelSetupMs: fit.setupMs }, guest);
  const continuous = predictRun(
    { ...link, modelEfficiency: fit.efficiency, modelSetupMs: fit.setupMs },
    {
      ...guest,
      workload: "continuous",
      dirtyRateBytesPerSec: 10e6,
    },
  );
  assert.ok(Math.abs((continuous.perVmRateBytesPerSec * 8) / 1e9 - 1.05) < 0.01, `${continuous.perVmRateBytesPerSec}`);
  assert.ok(idle.perVmRateBytesPerSec > continuous.perVmRateBytesPerSec * 1.05);
});
