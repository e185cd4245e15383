import { test } from "node:test";
import assert from "node:assert/strict";
import { buildResultMatrix, matrixChartData, speedupChartData, type MatrixRunInput } from "./matrix";

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

test("chart data has one key per measured link and omits empty cells", () => {
  const m = buildResultMatrix([run(ten, once, 16_000), run(forty, once, 8_000), run(ten, cont, 40_000)]);
  const data = matrixChartData(m, "meanDurationMs");
  assert.deepEqual(data, [
    { label: "1 × 16 GiB · once", link1: 16_000, link2: 8_000 },
    { label: "1 × 16 GiB · continuous", link1: 40_000 },
  ]);
});
