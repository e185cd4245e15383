import { test } from "node:test";
import assert from "node:assert/strict";
import { buildComparison, comparisonChartData, type CompareRun } from "./compare-view";

const ten = { lineRateGbps: 10, busLimitGbps: null };
const forty = { lineRateGbps: 40, busLimitGbps: 27 };
let id = 1;
function run(
  link: CompareRun["link"],
  workload: string,
  durationMs: number,
  throughputGbps: number,
  linkScale = 1,
  memoryGiB = 16,
): CompareRun {
  return {
    id: id++,
    durationMs,
    downtimeMs: null,
    transferredBytes: 18e9,
    throughputGbps,
    link,
    profile: { name: `${memoryGiB} GB · ${workload}`, workload, vmCount: 1, memoryBytes: memoryGiB * 2 ** 30 },
    campaign: { testbed: { linkScale } },
  };
}

test("groups by profile and compares baseline with candidate per group", () => {
  const b = [
    run(ten, "once", 16_600, 8.7),
    run(ten, "once", 16_700, 8.7),
    run(ten, "once", 16_650, 8.7),
    run(ten, "continuous", 39_000, 8.4),
  ];
  const c = [
    run(forty, "once", 7_400, 19.8),
    run(forty, "once", 7_500, 19.6),
    run(forty, "once", 7_450, 19.7),
    run(forty, "continuous", 10_400, 17.6),
  ];
  const groups = buildComparison(b, c, {
    metric: "durationMs",
    grouping: "profile",
    baselineName: "10GbE",
    candidateName: "40GbE",
  });
  assert.deepEqual(
    groups.map((g) => g.key),
    ["16 GB · once", "16 GB · continuous"],
  );
  const once = groups[0];
  assert.equal(once.baseline!.n, 3);
  assert.match(once.comparison!.verdict, /^40GbE is faster: 2\.23×/);
  assert.match(groups[1].comparison!.verdict, /^needs more runs: n = 1/);
  // Throughput as a share of the usable rate: 8.7 of 10 and 19.7 of 27 (the PCIe limit).
  assert.ok(Math.abs(once.baselineRateShare! - 0.87) < 1e-9);
  assert.ok(Math.abs(once.candidateRateShare! - 19.7 / 27) < 1e-9);
  const chart = comparisonChartData(groups);
  assert.equal(chart[0].baseline, 16_650);
  assert.ok((chart[0].baselineError as number[])[0] > 0);
});

test("workload × rate groups match runs of different testbeds at the same (scaled) rate", () => {
  const paper = [run(ten, "once", 16_650, 8.78)];
  const local = [run(ten, "once", 2_000, 1.07, 0.1), run(forty, "once", 800, 2.6, 0.1)];
  const groups = buildComparison(paper, local, { metric: "throughputGbps", grouping: "workload-rate" });
  assert.deepEqual(groups.map((g) => g.key).sort(), [
    "1 × 16 GiB · once · 1 Gb/s",
    "1 × 16 GiB · once · 10 Gb/s",
    "1 × 16 GiB · once · 2.7 Gb/s",
  ]);
  assert.equal(groups.find((g) => g.key === "1 × 16 GiB · once · 1 Gb/s")!.baseline, null);
});

test("groupings keep VM sizes apart unless pooled, and a pooled group names what it mixes", () => {
  const b = [run(ten, "once", 16_650, 8.78), run(ten, "once", 16_700, 8.7), run(ten, "once", 66_000, 8.5, 1, 64)];
  const c = [run(forty, "once", 7_450, 19.7), run(forty, "once", 7_500, 19.6), run(forty, "once", 26_000, 19, 1, 64)];
  for (const grouping of ["workload", "workload-rate", "none"] as const) {
    const apart = buildComparison(b, c, { metric: "durationMs", grouping });
    assert.equal(apart.length, grouping === "workload-rate" ? 4 : 2, grouping);
    for (const g of apart) assert.equal(g.profiles.length, 1, `${grouping}: ${g.key} mixes ${g.profiles}`);
    assert.ok(
      apart.every((g) => /^1 × (16|64) GiB · /.test(g.key)),
      apart.map((g) => g.key).join(", "),
    );
  }
  const pooled = buildComparison(b, c, { metric: "durationMs", grouping: "workload", pool: true });
  assert.deepEqual(
    pooled.map((g) => [g.key, g.profiles, g.baseline!.n]),
    [["once", ["16 GB · once", "64 GB · once"], 3]],
  );
  // Grouped by profile, a side drawn from two links says so.
  const mixedLinks = buildComparison([...b, run(forty, "once", 7_000, 19.9)], c, {
    metric: "durationMs",
    grouping: "profile",
  });
  const once = mixedLinks.find((g) => g.key === "16 GB · once")!;
  assert.deepEqual(once.baselineRates, [10, 27]);
  assert.deepEqual(once.candidateRates, [27]);
});

test("a comparison URL pins each side to a settings variant by its label, bounded, and round-trips", async () => {
  const { compareParamsSchema, compareQuery, variantKeyOfLabel } = await import("@/lib/schemas/compare");
  const p = compareParamsSchema.parse({ b: "campaign:3", c: "campaign:3", bv: "Pre-copy", cv: "multifd ×4" });
  assert.equal(variantKeyOfLabel(p.bv!), "");
  assert.equal(variantKeyOfLabel(p.cv!), "multifd ×4");
  assert.deepEqual(compareParamsSchema.parse(Object.fromEntries(new URLSearchParams(compareQuery(p)))), p);
  assert.equal(compareParamsSchema.parse({ bv: "" }).bv, undefined);
  assert.equal(compareParamsSchema.safeParse({ cv: "x".repeat(201) }).success, false);
});

test("pinned to a variant each, the sides' variants no longer split the groups", () => {
  const run = (id: number, settingsKey: string, durationMs: number): CompareRun => ({
    id,
    durationMs,
    downtimeMs: null,
    transferredBytes: null,
    throughputGbps: null,
    link: { id: 1, lineRateGbps: 10, busLimitGbps: null },
    profile: { id: 1, name: "p", workload: "continuous", vmCount: 1, memoryBytes: 2 ** 34 },
    campaign: { testbed: { id: 1, linkScale: 1 } },
    settingsKey,
  });
  const b = [1, 2, 3].map((i) => run(i, "", 30_000 + i));
  const c = [4, 5, 6].map((i) => run(i, "auto-converge", 12_000 + i));
  const apart = buildComparison(b, c, { metric: "durationMs", grouping: "profile" });
  assert.deepEqual(apart.map((g) => g.key).sort(), ["p", "p · auto-converge"]);
  assert.ok(apart.every((g) => g.comparison === null));
  const across = buildComparison(b, c, { metric: "durationMs", grouping: "profile", acrossVariants: true });
  assert.deepEqual(
    across.map((g) => g.key),
    ["p"],
  );
  assert.match(across[0].comparison!.verdict, /faster/);
});
