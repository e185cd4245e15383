import { test } from "node:test";
import assert from "node:assert/strict";
import { niceAxis } from "./axis";

function assertEvenAndDistinct(axis: ReturnType<typeof niceAxis>) {
  const labels = axis.ticks.map(axis.format);
  assert.equal(new Set(labels).size, labels.length, `repeated tick labels: ${labels.join(", ")}`);
  const steps = axis.ticks.slice(1).map((t, i) => t - axis.ticks[i]);
  for (const s of steps) assert.ok(Math.abs(s - steps[0]) < steps[0] * 1e-9, `uneven ticks: ${labels.join(", ")}`);
}

test("a sub-GB axis labels every tick differently, with the decimals its step needs", () => {
  const axis = niceAxis("bytes", [0.12e9, 0.31e9, 0.07e9]);
  assertEvenAndDistinct(axis);
  assert.deepEqual(axis.ticks.map(axis.format), [
    "0.00 GB",
    "0.05 GB",
    "0.10 GB",
    "0.15 GB",
    "0.20 GB",
    "0.25 GB",
    "0.30 GB",
    "0.35 GB",
  ]);
  assert.deepEqual(axis.domain, [0, 0.35e9]);
});

test("ticks are round numbers of the shown unit, and the axis reaches past the largest value", () => {
  // The whitepaper's data sizes: 4.6 / 9.3 / 13.9 GB steps were a fifth of 1.1 × max; now 0 to 50 by 10.
  const axis = niceAxis("bytes", [18.18e9, 41.07e9, 22.39e9]);
  assertEvenAndDistinct(axis);
  assert.deepEqual(axis.ticks.map(axis.format), ["0 GB", "10 GB", "20 GB", "30 GB", "40 GB", "50 GB"]);
  const seconds = niceAxis("durationMs", [16_650, 38_930]);
  assert.deepEqual(seconds.ticks.map(seconds.format), ["0 s", "10 s", "20 s", "30 s", "40 s"]);
  assert.ok(seconds.domain[1] >= 38_930);
  const ratio = niceAxis("ratio", [2.23, 3.73]);
  assert.deepEqual(ratio.ticks.map(ratio.format), ["0×", "1×", "2×", "3×", "4×"]);
});

test("an interval reaching below zero does not drag the axis below zero; no data still draws an axis", () => {
  const axis = niceAxis("durationMs", [-2_000, 5_000, 9_000]);
  assert.equal(axis.domain[0], 0);
  assert.ok(axis.ticks.every((t) => t >= 0));
  const empty = niceAxis("gbps", [Number.NaN]);
  assert.deepEqual(empty.domain, [0, 1]);
  assertEvenAndDistinct(empty);
});

test("any set of values gives evenly spaced, distinct, non-negative ticks that cover them", () => {
  for (let i = 0; i < 500; i++) {
    const scale = 10 ** (Math.floor(i / 50) - 5);
    const values = Array.from({ length: 1 + (i % 7) }, (_, k) => ((Math.sin(i * 7 + k) + 1) / 2) * scale * 1e9);
    const axis = niceAxis("bytes", values);
    assertEvenAndDistinct(axis);
    assert.ok(axis.domain[1] >= Math.max(...values));
    assert.ok(axis.ticks.length >= 2 && axis.ticks.length <= 11, `${axis.ticks.length} ticks`);
  }
});
