import { test } from "node:test";
import assert from "node:assert/strict";
import { sweepSchema } from "@/lib/schemas/migration-settings";
import {
  STRATEGIES,
  SWEEP_VARIABLE_NAMES,
  SWEEP_VARIABLES,
  sweptWorkloads,
  unusedStrategy,
  type Strategy,
} from "./migration-settings";

const GiB = 2 ** 30;
const profile = (workload: string) => ({
  memoryBytes: 16 * GiB,
  vmCount: 1,
  workload,
  dirtyRateBytesPerSec: workload === "continuous" ? 100e6 : null,
  workingSetBytes: null,
});

test("a new variant's strategy is the first one not yet used that the testbed applies", () => {
  assert.equal(unusedStrategy([]), "precopy");
  assert.equal(unusedStrategy(["precopy"]), "auto-converge");
  assert.equal(unusedStrategy(["precopy", "auto-converge"]), "postcopy");
  assert.equal(unusedStrategy(["auto-converge", "precopy", "auto-converge"]), "postcopy", "repeats count once");
  assert.equal(unusedStrategy([...STRATEGIES]), null, "every strategy taken");
  // A testbed without post-copy: after pre-copy and auto-converge nothing is left.
  const noPostcopy = (s: Strategy) => !s.startsWith("postcopy");
  assert.equal(unusedStrategy(["precopy"], noPostcopy), "auto-converge");
  assert.equal(unusedStrategy(["precopy", "auto-converge"], noPostcopy), null);
});

test("a dirty-rate sweep replaces a profile's workload as the runner plays it: once at 0, continuous above", () => {
  const rates = [0, 200e6, 600e6];
  assert.deepEqual(sweptWorkloads(profile("once"), "dirtyRate", rates), ["once", "continuous"]);
  assert.deepEqual(sweptWorkloads(profile("idle"), "dirtyRate", rates), ["once", "continuous"]);
  assert.deepEqual(sweptWorkloads(profile("idle"), "dirtyRate", [0]), ["once"], "an idle guest's memory is written");
  assert.deepEqual(sweptWorkloads(profile("continuous"), "dirtyRate", [200e6]), ["continuous"]);
  // Other sweeps, and no sweep, keep the profile's own workload.
  assert.deepEqual(sweptWorkloads(profile("once"), "memory", [2 * GiB, 4 * GiB]), ["once"]);
  assert.deepEqual(sweptWorkloads(profile("once"), null, []), ["once"]);
});

test("each sweep variable's starting range is a valid sweep of round values in 7 steps", () => {
  for (const name of SWEEP_VARIABLE_NAMES) {
    const { range, perDisplayUnit } = SWEEP_VARIABLES[name];
    const parsed = sweepSchema.safeParse({
      variable: name,
      from: range[0] * perDisplayUnit,
      to: range[1] * perDisplayUnit,
      steps: 7,
    });
    assert.ok(parsed.success, `${name}: ${parsed.success ? "" : parsed.error.message}`);
    assert.equal(parsed.data.values.length, 7, name);
    for (const v of parsed.data.values) {
      const shown = v / perDisplayUnit;
      assert.ok(Math.abs(shown - Math.round(shown)) < 1e-9, `${name}: ${shown} is round`);
    }
  }
});
