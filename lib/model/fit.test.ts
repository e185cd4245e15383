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
