import { test } from "node:test";
import assert from "node:assert/strict";
import Papa from "papaparse";
import { applyMapping, guessMapping, guessRule, isExportHeader, mappedCsv } from "./mapping";
import { readImport } from "./parse";

/** The whitepaper's results table as published (Mellanox, "Test Results"). */
const PUBLISHED = `Memory Allocation Method,BW (Gb/s),Time (Sec),Data Size (Gb)
Once (10GE),8.78,16.65,145.45
Once (40GE),19.87,7.465,145.17
Continuous (10GE),8.43,38.93,328.58
Continuous (40GE),17.67,10.44,179.15`;

const table = (csv: string) => {
  const [header, ...rows] = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data;
  return { header, rows };
};

const streamOf = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(text));
      c.close();
    },
  });

test("a published table's columns are guessed with their units, and its method column becomes rules", () => {
  const { header, rows } = table(PUBLISHED);
  assert.equal(isExportHeader(header), false);
  const m = guessMapping(header, rows);
  assert.deepEqual(m.fields.throughputGbps, { from: "column", column: "BW (Gb/s)", unit: "Gb/s" });
  assert.deepEqual(m.fields.durationMs, { from: "column", column: "Time (Sec)", unit: "s" });
  assert.deepEqual(m.fields.transferredBytes, { from: "column", column: "Data Size (Gb)", unit: "Gb" });
  assert.equal(m.ruleColumn, "Memory Allocation Method");
  assert.deepEqual(m.rules["Once (10GE)"], { workload: "once", link: "10GbE", lineRateGbps: "10" });
  assert.deepEqual(m.rules["Continuous (40GE)"], { workload: "continuous", link: "40GbE", lineRateGbps: "40" });
  assert.deepEqual(guessRule("idle, 25 GbE"), { workload: "idle", link: "25GbE", lineRateGbps: "25" });
});

test("mapped rows convert to base units and import like an export", async () => {
  const { header, rows } = table(PUBLISHED);
  const mapped = applyMapping(header, rows, guessMapping(header, rows));
  assert.deepEqual(mapped.problems, []);
  assert.deepEqual(mapped.records[0], {
    link: "10GbE",
    lineRateGbps: "10",
    profile: "1 × 16 GiB · once",
    memoryBytes: String(16 * 2 ** 30),
    vmCount: "1",
    workload: "once",
    durationMs: "16650",
    transferredBytes: "18181250000",
    throughputGbps: "8.78",
    iteration: "1",
  });
  const read = await readImport(streamOf(mappedCsv(mapped.records)), "text/csv");
  assert.ok(read.ok);
  assert.deepEqual(read.errors, []);
  assert.deepEqual(
    read.rows.map((r) => [r.link, r.workload, r.durationMs, r.transferredBytes]),
    [
      ["10GbE", "once", 16650, 18181250000],
      ["40GbE", "once", 7465, 18146250000],
      ["10GbE", "continuous", 38930, 41072500000],
      ["40GbE", "continuous", 10440, 22393750000],
    ],
  );
});

test("units are the user's choice; a value without a rule, or not a number, is named with its row", () => {
  const { header, rows } = table(`Method,Time (ms),Data (GiB)\nOnce 10G,1500,2\nodd,abc,1\nOnce 10G,1600,2`);
  const m = guessMapping(header, rows);
  assert.deepEqual(m.fields.durationMs, { from: "column", column: "Time (ms)", unit: "ms" });
  m.fields.transferredBytes = { from: "column", column: "Data (GiB)", unit: "GiB" };
  const mapped = applyMapping(header, rows, m);
  assert.equal(mapped.records.length, 2);
  assert.equal(mapped.records[0].transferredBytes, String(2 * 2 ** 30));
  // The second "Once 10G" row is the second iteration of its cell.
  assert.deepEqual(
    mapped.records.map((r) => r.iteration),
    ["1", "2"],
  );
  assert.equal(mapped.problems.length, 1);
  assert.equal(mapped.problems[0].row, 2);
  assert.match(mapped.problems[0].messages.join("; "), /"odd" in column "Method" has no workload in its rule/);
  assert.match(mapped.problems[0].messages.join("; "), /Migration time: "abc" is not a number/);
});
