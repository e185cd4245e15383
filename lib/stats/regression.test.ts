import { test } from "node:test";
import assert from "node:assert/strict";
import { regressionVerdict } from "./regression";
import { overallVerdict } from "@/lib/model/vocabulary";
import { seededRandom } from "../../test-support/db-fixtures";

/** n values around `mean` with 1% noise (the simulator's spread), the same every run. */
function values(mean: number, n: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => mean * (1 + 0.01 * (random() + random() + random() - 1.5) * 2));
}

test("a 10% slower candidate is a regression with p < 0.05; 10% faster an improvement", () => {
  const baseline = values(16_700, 5, 1);
  const slower = regressionVerdict(baseline, values(16_700 * 1.1, 5, 2), { metric: "durationMs", minEffectPct: 5 });
  assert.equal(slower.verdict, "regression");
  assert.ok(slower.pValue! < 0.05, `p = ${slower.pValue}`);
  assert.ok(Math.abs(slower.changePct! - 10) < 2, `change ${slower.changePct}%`);
  assert.match(
    slower.sentence,
    /^Regression: migration time \d+\.\d% longer than the baseline \(16\.\d+ s → 18\.\d+ s\), p/,
  );
  const faster = regressionVerdict(baseline, values(16_700 / 1.1, 5, 3), { metric: "durationMs", minEffectPct: 5 });
  assert.equal(faster.verdict, "improvement");
  // Throughput: lower is worse.
  const lowerRate = regressionVerdict(values(8.5, 5, 4), values(8.5 / 1.1, 5, 5), {
    metric: "throughputGbps",
    minEffectPct: 5,
  });
  assert.equal(lowerRate.verdict, "regression");
  assert.match(lowerRate.sentence, /throughput .*% lower than the baseline \(8\.\d+ Gb\/s → 7\.\d+ Gb\/s\)/);
});

test("a 1% change is no regression: not significant, or significant but below the minimum effect", () => {
  const baseline = values(16_700, 5, 6);
  const small = regressionVerdict(baseline, values(16_700 * 1.01, 5, 7), { metric: "durationMs", minEffectPct: 5 });
  assert.equal(small.verdict, "no-change");
  // With a very tight spread a 3% change is significant, yet under a 5% minimum effect.
  const tight = (m: number) => [m * 0.9999, m, m * 1.0001, m * 1.00005];
  const below = regressionVerdict(tight(100), tight(103), { metric: "durationMs", minEffectPct: 5 });
  assert.equal(below.verdict, "no-change");
  assert.match(below.sentence, /3\.0% longer .* below the 5% minimum effect/);
  // The same change counts when the team's minimum effect is 2%.
  assert.equal(
    regressionVerdict(tight(100), tight(103), { metric: "durationMs", minEffectPct: 2 }).verdict,
    "regression",
  );
});

test("fewer than 3 values on a side needs more runs; a campaign's verdict is its worst series'", () => {
  const few = regressionVerdict([1, 2, 3], [4, 5], { metric: "downtimeMs", minEffectPct: 5 });
  assert.equal(few.verdict, "needs-more-runs");
  assert.match(few.sentence, /at least 3 per side/);
  assert.equal(regressionVerdict([], [], { metric: "downtimeMs", minEffectPct: 5 }).verdict, "needs-more-runs");
  assert.equal(overallVerdict(["no-change", "improvement", "regression"]), "regression");
  assert.equal(overallVerdict(["no-change", "needs-more-runs"]), "needs-more-runs");
  assert.equal(overallVerdict(["no-change", "improvement"]), "improvement");
  assert.equal(overallVerdict([]), null);
});
