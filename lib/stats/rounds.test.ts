import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_MODEL_PARAMS, predictMigration } from "@/lib/model/precopy";
import { timeline } from "@/lib/hypervisors/simulator";
import { roundsOfSamples } from "./rounds";
import { runEta } from "./eta";

const link = { usableRateGbps: 10, efficiency: 0.88, setupMs: 300 };
const continuous = {
  memoryBytes: 16 * 2 ** 30,
  vmCount: 1,
  workload: "continuous",
  dirtyRateBytesPerSec: 525e6,
  workingSetBytes: 16 * 2 ** 30,
};

test("the rounds table of a simulated run matches the model's rounds", () => {
  const prediction = predictMigration(link, continuous, DEFAULT_MODEL_PARAMS);
  const rows = roundsOfSamples(timeline(prediction, 300, 1, 525e6));
  assert.equal(rows.length, prediction.rounds.length);
  rows.forEach((row, i) => {
    const want = prediction.rounds[i];
    assert.equal(row.round, i);
    assert.ok(Math.abs(row.sentBytes - want.wireBytes) < 1, `round ${i}: ${row.sentBytes} vs ${want.wireBytes}`);
    assert.equal(row.setBytes, want.memoryBytes);
    // Round 0 includes the setup; the others last as the model says, at the link's rate.
    if (i > 0) {
      assert.ok(Math.abs(row.durationMs - want.durationMs) < 1e-6 * want.durationMs);
      assert.ok(Math.abs(row.rateGbps! - 10 * 0.88 * DEFAULT_MODEL_PARAMS.workloadRateFactor.continuous) < 0.01);
    }
    assert.equal(row.dirtyRateBytesPerSec, 525e6);
  });
});

test("rounds no sample saw are folded into the next one seen, which says so", () => {
  const at = (tMs: number, transferredBytes: number, remainingBytes: number, round: number) => ({
    tMs,
    transferredBytes,
    remainingBytes,
    dirtyRateBytesPerSec: 50e6,
    round,
  });
  // QEMU samples every 100 ms: round 6 took less and was never sampled between rounds 5 and 7.
  const rows = roundsOfSamples([
    at(0, 0, 256e6, 1),
    at(2000, 250e6, 40e6, 5),
    at(2100, 262e6, 30e6, 5),
    at(2300, 290e6, 0, 7),
  ]);
  assert.deepEqual(
    rows.map((r) => [r.fromRound, r.round, r.sentBytes, r.durationMs]),
    [
      [1, 1, 0, 0],
      [2, 5, 262e6, 2100],
      [6, 7, 28e6, 200],
    ],
  );
});

test("samples without rounds give no rows", () => {
  assert.deepEqual(
    roundsOfSamples([{ tMs: 1, transferredBytes: 1, remainingBytes: 1, dirtyRateBytesPerSec: null, round: null }]),
    [],
  );
});

test("the time left follows the model, then the share of bytes sent, at the pace samples arrive", () => {
  const model = { predictedDurationMs: 40_000, predictedBytes: 40e9 };
  assert.deepEqual(runEta({ ...model, last: null, elapsedWallMs: 5_000 }), {
    fraction: 0,
    remainingWallMs: 35_000,
    basis: "model",
  });
  // A quarter sent after 10 s of migration, reported in 0.2 s of wall time (a simulator at 50×).
  const eta = runEta({ ...model, last: { tMs: 10_000, transferredBytes: 10e9 }, elapsedWallMs: 200 });
  assert.equal(eta.fraction, 0.25);
  assert.ok(Math.abs(eta.remainingWallMs - 600) < 1e-9, String(eta.remainingWallMs));
  // More bytes than predicted (the guest dirtied more): never "done" while running.
  assert.equal(
    runEta({ ...model, last: { tMs: 50_000, transferredBytes: 60e9 }, elapsedWallMs: 50_000 }).fraction,
    0.99,
  );
});
