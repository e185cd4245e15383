import { test } from "node:test";
import assert from "node:assert/strict";
import Papa from "papaparse";
import {
  applyMapping,
  guessLink,
  guessMapping,
  guessRule,
  isExportHeader,
  linkHint,
  mappedCsv,
  mappingFits,
  resolveChoices,
  type ImportCatalog,
} from "./mapping";
import { readImport } from "./parse";
import { columnMappingSchema, MAPPING_LIMITS, saveImportMappingSchema } from "@/lib/schemas/import-mapping";
import { WHITEPAPER_LINKS, WHITEPAPER_PROFILES } from "@/lib/reference/whitepaper";

/** The seeded whitepaper testbed's links and profiles, as the import page gives them (ids as a seed makes them). */
const SEEDED: ImportCatalog = {
  links: [WHITEPAPER_LINKS.tenGbE, WHITEPAPER_LINKS.fortyGbE].map((l, i) => ({
    id: i + 1,
    name: l.name,
    lineRateGbps: l.lineRateGbps,
    busLimitGbps: l.busLimitGbps,
  })),
  profiles: WHITEPAPER_PROFILES.map((p, i) => ({ id: i + 1, ...p })),
  canCreate: false,
};

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
  assert.deepEqual(m.rules["Once (10GE)"], { workload: "once" });
  assert.deepEqual(m.rules["Continuous (40GE)"], { workload: "continuous" });
  assert.deepEqual(m.fields.link, { from: "rules" });
  assert.deepEqual(guessRule("idle, 25 GbE"), { workload: "idle" });
  assert.deepEqual(linkHint("idle, 25 GbE"), { name: "25GbE", lineRateGbps: 25 });
});

test("values are guessed onto the testbed's own links, whatever their full names and bus limits", () => {
  const [ten, forty] = SEEDED.links;
  assert.equal(guessLink("Once (10GE)", SEEDED.links), ten);
  assert.equal(guessLink("40GE", SEEDED.links), forty);
  assert.equal(guessLink("40gbe connectx-2 (pcie gen2 x8, ~27 gb/s bus limit)", SEEDED.links), forty);
  assert.equal(guessLink("100GE", SEEDED.links), null);
  assert.equal(guessLink("InfiniBand", SEEDED.links), null);
});

test("mapped rows convert to base units, land on the seeded links and profiles, and import like an export", async () => {
  const { header, rows } = table(PUBLISHED);
  const m = resolveChoices(header, rows, guessMapping(header, rows), SEEDED);
  assert.deepEqual(m.links["Once (40GE)"], { kind: "existing", linkId: 2 });
  assert.deepEqual(m.profiles["1 × 16 GiB · continuous"], {
    kind: "existing",
    profileId: SEEDED.profiles.find((p) => p.name === "1 × 16 GiB · continuous")!.id,
  });
  const mapped = applyMapping(header, rows, m, SEEDED);
  assert.deepEqual(mapped.problems, []);
  assert.deepEqual(mapped.records[0], {
    link: "10GbE ConnectX-2",
    lineRateGbps: "10",
    busLimitGbps: "",
    profile: "1 × 16 GiB · once",
    memoryBytes: String(16 * 2 ** 30),
    vmCount: "1",
    vcpuCount: "1",
    workload: "once",
    dirtyRateBytesPerSec: "",
    workingSetBytes: "",
    durationMs: "16650",
    transferredBytes: "18181250000",
    throughputGbps: "8.78",
    iteration: "1",
  });
  // The 40GbE link's bus limit goes with it, so the server finds the link as it is.
  assert.equal(mapped.records[1].busLimitGbps, "27");
  const read = await readImport(streamOf(mappedCsv(mapped.records)), "text/csv");
  assert.ok(read.ok);
  assert.deepEqual(read.errors, []);
  assert.deepEqual(
    read.rows.map((r) => [r.link, r.workload, r.durationMs, r.transferredBytes]),
    [
      ["10GbE ConnectX-2", "once", 16650, 18181250000],
      [WHITEPAPER_LINKS.fortyGbE.name, "once", 7465, 18146250000],
      ["10GbE ConnectX-2", "continuous", 38930, 41072500000],
      [WHITEPAPER_LINKS.fortyGbE.name, "continuous", 10440, 22393750000],
    ],
  );
});

test("units are the user's choice; a value without a rule, or not a number, is named with its row", () => {
  const { header, rows } = table(`Method,Time (ms),Data (GiB)\nOnce 10G,1500,2\nodd,abc,1\nOnce 10G,1600,2`);
  const m = guessMapping(header, rows);
  assert.deepEqual(m.fields.durationMs, { from: "column", column: "Time (ms)", unit: "ms" });
  m.fields.transferredBytes = { from: "column", column: "Data (GiB)", unit: "GiB" };
  const mapped = applyMapping(header, rows, resolveChoices(header, rows, m, SEEDED), SEEDED);
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

test("a foreign table's columns (link and workload in columns of their own) map onto the seeded links", () => {
  const { header, rows } = table(`Interconnect,Memory pattern,Elapsed (s),Avg BW (Gb/s),Volume (Gb)
10GE,Once,16.65,8.78,145.45
40GE,Once,7.465,19.87,145.17
10GE,Continuous,38.93,8.43,328.58
40GE,Continuous,10.44,17.67,179.15`);
  const guessed = guessMapping(header, rows);
  // "Memory pattern" holds words, not sizes: it is the category column, not the memory.
  assert.equal(guessed.ruleColumn, "Memory pattern");
  assert.deepEqual(guessed.fields.memoryBytes, { from: "value", value: "16", unit: "GiB" });
  assert.deepEqual(guessed.fields.link, { from: "column", column: "Interconnect" });
  guessed.fields.durationMs = { from: "column", column: "Elapsed (s)", unit: "s" };
  guessed.fields.transferredBytes = { from: "column", column: "Volume (Gb)", unit: "Gb" };
  const m = resolveChoices(header, rows, guessed, SEEDED);
  assert.deepEqual(m.links, { "10GE": { kind: "existing", linkId: 1 }, "40GE": { kind: "existing", linkId: 2 } });
  const mapped = applyMapping(header, rows, m, SEEDED);
  assert.deepEqual(mapped.problems, []);
  assert.deepEqual(
    mapped.records.map((r) => [r.link, r.profile, r.durationMs]),
    [
      ["10GbE ConnectX-2", "1 × 16 GiB · once", "16650"],
      [WHITEPAPER_LINKS.fortyGbE.name, "1 × 16 GiB · once", "7465"],
      ["10GbE ConnectX-2", "1 × 16 GiB · continuous", "38930"],
      [WHITEPAPER_LINKS.fortyGbE.name, "1 × 16 GiB · continuous", "10440"],
    ],
  );
});

test("a new link or profile is offered only to who may create; unmapped values are named per row", () => {
  const { header, rows } = table(`Net,Method,Time (s)\n100GE,Once,3\n10GE,Once,9`);
  const m = guessMapping(header, rows);
  const asAdmin = { ...SEEDED, canCreate: true };
  const chosen = resolveChoices(
    header,
    rows,
    { ...m, links: { "100GE": { kind: "new", name: "100GbE", lineRateGbps: "100" } } },
    asAdmin,
  );
  assert.deepEqual(chosen.links["100GE"], { kind: "new", name: "100GbE", lineRateGbps: "100" });
  assert.deepEqual(applyMapping(header, rows, chosen, asAdmin).records[0].lineRateGbps, "100");
  // Once the import made it, the saved new link is that link.
  const made = {
    ...asAdmin,
    links: [...asAdmin.links, { id: 9, name: "100GbE", lineRateGbps: 100, busLimitGbps: null }],
  };
  assert.deepEqual(resolveChoices(header, rows, chosen, made).links["100GE"], { kind: "existing", linkId: 9 });
  // The same saved mapping for an operator: the new link is dropped, and nothing is guessed for 100GE.
  const operator = resolveChoices(header, rows, chosen, SEEDED);
  assert.equal(operator.links["100GE"], null);
  const mapped = applyMapping(header, rows, operator, SEEDED);
  assert.deepEqual(mapped.problems, [{ row: 1, messages: ['"100GE" is not mapped to a link of this testbed'] }]);
  assert.equal(mapped.records.length, 1);
});

test("the mapping schema is bounded and strict, and a saved mapping fits only a header holding its columns", () => {
  const { header, rows } = table(PUBLISHED);
  const m = resolveChoices(header, rows, guessMapping(header, rows), SEEDED);
  assert.ok(columnMappingSchema.safeParse(m).success);
  assert.ok(mappingFits(m, header));
  assert.equal(mappingFits(m, ["Method", "BW (Gb/s)"]), false);
  const tooMany = Object.fromEntries(
    Array.from({ length: MAPPING_LIMITS.values + 1 }, (_, i) => [`v${i}`, { kind: "existing", linkId: 1 }]),
  );
  assert.equal(columnMappingSchema.safeParse({ ...m, links: tooMany }).success, false);
  assert.equal(columnMappingSchema.safeParse({ ...m, links: { x: { kind: "existing", linkId: -1 } } }).success, false);
  assert.equal(columnMappingSchema.safeParse({ ...m, extra: 1 }).success, false);
  assert.equal(
    columnMappingSchema.safeParse({ ...m, fields: { ...m.fields, link: { from: "column", column: "x".repeat(201) } } })
      .success,
    false,
  );
  const saved = saveImportMappingSchema.parse({ testbedId: 3, source: "  Mellanox   paper ", header, mapping: m });
  assert.equal(saved.source, "Mellanox paper");
});
