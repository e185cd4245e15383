import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_MODEL_PARAMS, predictMigration } from "@/lib/model/precopy";
import { WHITEPAPER_PROFILES } from "@/lib/reference/whitepaper";
import { timeline } from "./index";

const link = { usableRateGbps: 10, efficiency: 0.88, setupMs: 300 };
const profile = (name: string) => {
  const p = WHITEPAPER_PROFILES.find((x) => x.name === name)!;
  return { ...p, memoryBytes: Number(p.memoryBytes) };
};

test("a continuously dirtied guest's curve falls through each pre-copy round and steps up at its end", () => {
  const continuous = profile("1 × 16 GiB · continuous");
  const prediction = predictMigration(link, continuous, DEFAULT_MODEL_PARAMS);
  assert.ok(prediction.precopyRounds >= 3, `${prediction.precopyRounds} rounds`);
  const samples = timeline(prediction, 300, 1, continuous.dirtyRateBytesPerSec);
  // Time never goes back; remaining bytes rise only at a round boundary, to that round's dirtied set.
  const rises = samples.slice(1).flatMap((s, i) => {
    const before = samples[i];
    assert.ok(s.tMs >= before.tMs);
    return s.remainingBytes > before.remainingBytes ? [{ at: s, before }] : [];
  });
  assert.equal(rises.length, prediction.rounds.length - 1, "one step up per round after the first");
  rises.forEach(({ at, before }, i) => {
    assert.equal(at.tMs, before.tMs, "a step, not a slope");
    assert.equal(at.round, i + 1);
    assert.equal(at.remainingBytes, prediction.rounds[i].dirtiedBytes);
    assert.ok(before.remainingBytes < 1, "the previous round was sent in full");
  });
  // Within a round it falls; the migration ends with nothing left and every byte on the wire.
  const last = samples[samples.length - 1];
  assert.equal(last.remainingBytes, 0);
  assert.ok(Math.abs(last.transferredBytes - prediction.transferredBytes) < 1);
  assert.ok(Math.abs(last.tMs - prediction.durationMs) < 1e-6 * prediction.durationMs);
});

test("a guest written once has one pass and no step, and no moment is recorded twice", () => {
  const once = profile("1 × 16 GiB · once");
  const prediction = predictMigration(link, once, DEFAULT_MODEL_PARAMS);
  const samples = timeline(prediction, 300, 1, null);
  for (let i = 1; i < samples.length; i++) assert.ok(samples[i].remainingBytes <= samples[i - 1].remainingBytes);
  // The runner's scale-out test tells a run executed twice by a repeated (time, round) sample.
  for (const p of [once, profile("1 × 16 GiB · idle"), profile("1 × 16 GiB · continuous")]) {
    const all = timeline(predictMigration(link, p, DEFAULT_MODEL_PARAMS), 300, 1, p.dirtyRateBytesPerSec);
    const moments = all.map((s) => `${s.tMs}/${s.round}`);
    assert.equal(new Set(moments).size, moments.length, `${p.name}: a (time, round) sample twice`);
  }
  assert.ok(samples.length >= 20, `${samples.length} samples`);
});
