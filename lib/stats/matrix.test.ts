import { test } from "node:test";
import assert from "node:assert/strict";
import { buildResultMatrix, matrixChartData, speedupChartData, untoldLinks, type MatrixRunInput } from "./matrix";

const ten = { id: 1, name: "10GbE", lineRateGbps: 10, busLimitGbps: null };
const forty = { id: 2, name: "40GbE", lineRateGbps: 40, busLimitGbps: 27 };
const once = { id: 10, name: "1 × 16 GiB · once", vmCount: 1, memoryBytes: 16 * 1024 ** 3, workload: "once" };
const cont = {
  id: 11,
  name: "1 × 16 GiB · continuous",
  vmCount: 1,
  memoryBytes: 16 * 1024 ** 3,
  workload: "continuous",
};
const idle = { id: 12, name: "1 × 16 GiB · idle", vmCount: 1, memoryBytes: 16 * 1024 ** 3, workload: "idle" };

function run(
  link: MatrixRunInput["link"],
  profile: MatrixRunInput["profile"],
  durationMs: number | null,
  status = "succeeded",
): MatrixRunInput {
  return {
    status,
    durationMs,
    throughputGbps: durationMs ? 100 / (durationMs / 1000) : null,
    transferredBytes: durationMs ? 1e9 : null,
    downtimeMs: null,
    link,
    profile,
  };
}

test("cells average succeeded runs only and count failures beside them", () => {
  const m = buildResultMatrix([
    run(ten, once, 16_000),
    run(ten, once, 18_000),
    run(ten, once, null, "failed"),
    run(ten, once, null, "queued"),
    run(forty, once, 8_000),
  ]);
  const cell = m.rows[0].cells[ten.id];
  assert.equal(cell.n, 2);
  assert.equal(cell.failed, 1);
  assert.equal(cell.meanDurationMs, 17_000);
  assert.equal(cell.meanTransferredBytes, 1e9);
  assert.equal(cell.meanDowntimeMs, null, "unknown downtime stays unknown");
});

test("the speed-up compares the slowest with the fastest link of a row", () => {
  const m = buildResultMatrix([
    run(ten, once, 16_000),
    run(forty, once, 8_000),
    run(ten, cont, 40_000),
    run(forty, cont, 10_000),
  ]);
  const byName = Object.fromEntries(m.rows.map((r) => [r.profileName, r]));
  assert.deepEqual(byName["1 × 16 GiB · once"].speedup, { factor: 2, fasterLinkId: 2, slowerLinkId: 1 });
  assert.equal(byName["1 × 16 GiB · continuous"].speedup?.factor, 4);
  assert.deepEqual(
    speedupChartData(m).map((d) => [d.factor, d.faster]),
    [
      [2, "40GbE"],
      [4, "40GbE"],
    ],
  );
});

test("a row measured on one link has no speed-up", () => {
  const m = buildResultMatrix([run(ten, once, 16_000)]);
  assert.equal(m.rows[0].speedup, null);
});

test("links are ordered by usable rate and rows by size then workload", () => {
  const m = buildResultMatrix([run(forty, cont, 1), run(ten, once, 1), run(forty, idle, 1)]);
  assert.deepEqual(
    m.links.map((l) => [l.name, l.usableRateGbps]),
    [
      ["10GbE", 10],
      ["40GbE", 27],
    ],
  );
  assert.deepEqual(
    m.rows.map((r) => r.workload),
    ["idle", "once", "continuous"],
  );
});

test("chart data has one key per measured link (with its n and interval) and omits empty cells", () => {
  const m = buildResultMatrix([
    run(ten, once, 16_000),
    run(ten, once, 18_000),
    run(forty, once, 8_000),
    run(ten, cont, 40_000),
  ]);
  const data = matrixChartData(m, "meanDurationMs");
  // Two runs of 16 and 18 s: sd √2 s, 95% half-width t(0.975, 1) × √2/√2 s = 12.706 s.
  assert.ok(Math.abs((data[0].link1Half as number) - 12_706.2) < 0.1, String(data[0].link1Half));
  assert.deepEqual(data, [
    { label: "1 × 16 GiB · once", link1: 17_000, link1N: 2, link1Half: data[0].link1Half, link2: 8_000, link2N: 1 },
    { label: "1 × 16 GiB · continuous", link1: 40_000, link1N: 1 },
  ]);
});

test("a row's links whose times Welch's test cannot tell apart are named, with p", () => {
  const timed = (link: typeof ten, durationMs: number) => ({
    status: "succeeded",
    durationMs,
    throughputGbps: null,
    transferredBytes: null,
    downtimeMs: null,
    link,
    profile: { id: 1, name: "p", vmCount: 1, memoryBytes: 2 ** 30, workload: "once" },
  });
  const near = { id: 2, name: "40GbE", lineRateGbps: 40, busLimitGbps: null };
  // 10GbE 900/1000/1100 ms and 40GbE 1000/1100/1200 ms: p ≈ 0.29; a third link at 5000 ms is told apart.
  const third = { id: 3, name: "100GbE", lineRateGbps: 100, busLimitGbps: null };
  const m = buildResultMatrix([
    ...[900, 1000, 1100].map((d) => timed(ten, d)),
    ...[1000, 1100, 1200].map((d) => timed(near, d)),
    ...[4900, 5000, 5100].map((d) => timed(third, d)),
  ]);
  const row = m.rows[0];
  const spread = row.cells[1].spread!.meanDurationMs!;
  assert.equal(spread.n, 3);
  assert.equal(spread.sd, 100);
  assert.ok(Math.abs(spread.half - 248.4) < 0.1, String(spread.half));
  const untold = untoldLinks(row);
  assert.deepEqual([...untold.keys()].sort(), [1, 2]);
  assert.equal(untold.get(1)!.other, 2);
  assert.ok(Math.abs(untold.get(1)!.p - 0.288) < 0.01, String(untold.get(1)!.p));
  // Intervals that overlap can still differ significantly (1000 vs 1300 ms, sd 100, n = 3: p ≈ 0.02).
  const apart = buildResultMatrix([
    ...[900, 1000, 1100].map((d) => timed(ten, d)),
    ...[1200, 1300, 1400].map((d) => timed(near, d)),
  ]).rows[0];
  assert.equal(untoldLinks(apart).size, 0);
  // One run each: no interval, nothing judged.
  assert.equal(untoldLinks(buildResultMatrix([timed(ten, 1000), timed(near, 1001)]).rows[0]).size, 0);
});
