import { test } from "node:test";
import assert from "node:assert/strict";
import { compareGroups, summarize, welchTTest } from "./summary";

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test("summary: mean, sample sd, t-based 95% interval, median, range", () => {
  const s = summarize([2, 4, 4, 4, 5, 5, 7, 9])!;
  assert.equal(s.n, 8);
  assert.equal(s.mean, 5);
  close(s.sd!, 2.138, 0.001, "sd"); // sqrt(32/7)
  // t(0.975, 7) = 2.3646: 5 ± 2.3646 × 2.138 / √8
  close(s.ciLow!, 5 - 1.7873, 0.001, "ci low");
  close(s.ciHigh!, 5 + 1.7873, 0.001, "ci high");
  assert.equal(s.median, 4.5);
  assert.deepEqual([s.min, s.max], [2, 9]);
  const one = summarize([3])!;
  assert.equal(one.sd, null);
  assert.equal(one.ciLow, null);
  assert.equal(summarize([]), null);
});

test("Welch's t-test matches the textbook example (Wikipedia, Welch's t-test, example 1)", () => {
  const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
  const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
  const r = welchTTest(a1, a2)!;
  close(r.t, -2.46, 0.01, "t");
  close(r.df, 25.0, 0.1, "df");
  close(r.p, 0.021, 0.001, "p");
});

test("Welch's t-test with unequal sizes and variances (computed by hand)", () => {
  // a: mean 20, var 10 (n 5); b: mean 24, var 40 (n 10) → se² = 2 + 4 = 6, t = -4/√6 = -1.633,
  // df = 36 / (4/4 + 16/9) = 12.96
  // a: mean 20, variance 10; b: mean 24, variance (81+25+9+4+0+0+4+9+25+81)/9 = 26.44
  const a = [16, 18, 20, 22, 24];
  const b = [15, 19, 21, 22, 24, 24, 26, 27, 29, 33];
  const r = welchTTest(a, b)!;
  const vb = 238 / 9;
  const se = Math.sqrt(10 / 5 + vb / 10);
  close(r.t, -4 / se, 1e-9, "t"); // -4 / 2.155 = -1.856
  close(r.df, (10 / 5 + vb / 10) ** 2 / ((10 / 5) ** 2 / 4 + (vb / 10) ** 2 / 9), 1e-9, "df"); // 11.7
  close(r.t, -1.856, 0.001, "t by hand");
});

test("speed-up with its interval and a verdict in plain words", () => {
  const tenGbE = [16.4, 16.9, 16.6, 16.8, 16.5];
  const fortyGbE = [7.4, 7.5, 7.45, 7.5, 7.4];
  const c = compareGroups(tenGbE, fortyGbE, {
    direction: "lower-is-better",
    baselineName: "10GbE",
    candidateName: "40GbE",
    better: "faster",
  })!;
  close(c.ratio, 16.64 / 7.45, 0.001, "ratio");
  assert.ok(c.ratioLow! < c.ratio && c.ratio < c.ratioHigh!);
  assert.ok(c.ratioHigh! - c.ratioLow! < 0.1, "tight interval for tight data");
  assert.ok(c.significant);
  assert.match(c.verdict, /^40GbE is faster: 2\.23× \[2\.2\d, 2\.2\d\], p < 0\.001$/);
  close(c.difference, 7.45 - 16.64, 1e-9, "difference");
});

test("higher-is-better metrics and a baseline that wins", () => {
  const c = compareGroups([10, 10.5, 9.8, 10.2], [8, 8.1, 7.9, 8.2], {
    direction: "higher-is-better",
    baselineName: "A",
    candidateName: "B",
    better: "higher throughput",
  })!;
  assert.ok(c.ratio < 1);
  assert.match(c.verdict, /^A is higher throughput: 1\.2\d× \[/);
});

test("verdict thresholds: too few runs, and overlapping groups", () => {
  const few = compareGroups([16, 17], [7, 8], {
    direction: "lower-is-better",
    baselineName: "a",
    candidateName: "b",
    better: "faster",
  })!;
  assert.equal(few.enoughRuns, false);
  assert.equal(few.verdict, "needs more runs: n = 2, at least 3 per side");
  const unequal = compareGroups([16, 17, 18], [7], {
    direction: "lower-is-better",
    baselineName: "a",
    candidateName: "b",
    better: "faster",
  })!;
  assert.equal(unequal.verdict, "needs more runs: n = 1 (3 vs 1), at least 3 per side");
  const same = compareGroups([10, 12, 11, 13], [11, 12, 10, 14], {
    direction: "lower-is-better",
    baselineName: "a",
    candidateName: "b",
    better: "faster",
  })!;
  assert.equal(same.significant, false);
  assert.match(same.verdict, /^no significant difference \(p = 0\.\d{3}\)$/);
});
