import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { buildComparison, buildComparisonFromCells, cellsByGroup } from "@/lib/stats/compare-view";
import { METRICS, type Grouping, type Metric } from "@/lib/schemas/compare";
import { createTestbedWithLinks, seededRandom } from "../../test-support/db-fixtures";

// A comparison from the database's aggregates must equal the one computed from every run.
withTestDatabase();

test("SQL aggregates give the same statistics, verdicts and medians as the runs in memory", async () => {
  const { db } = await import("./client");
  const compare = await import("./compare");
  const testbeds = await Promise.all(
    [1, 0.1].map((linkScale, i) => createTestbedWithLinks(db, { name: `cmp ${i}`, linkScale })),
  );
  const profiles = await Promise.all(
    ["once", "continuous"].map((w) =>
      db.vmProfile.create({ data: { name: `cmp ${w}`, memoryBytes: 16 * 2 ** 30, workload: w } }),
    ),
  );
  const rnd = seededRandom(11);
  const campaigns = [];
  for (const tb of testbeds) {
    const campaign = await db.campaign.create({ data: { name: `cmp ${tb.name}`, testbedId: tb.id } });
    campaigns.push(campaign);
    await db.run.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({
        campaignId: campaign.id,
        linkId: tb.links[i % 2].id,
        profileId: profiles[Math.floor(i / 2) % 2].id,
        status: i % 17 === 0 ? "failed" : "succeeded",
        adapter: "simulator",
        durationMs: (i % 2 ? 7400 : 16700) * (0.9 + rnd() * 0.2),
        throughputGbps: rnd() > 0.05 ? (i % 2 ? 19 : 8.7) * (0.9 + rnd() * 0.2) : null,
        transferredBytes: 18e9 + rnd() * 1e6,
        downtimeMs: rnd() > 0.3 ? rnd() * 400 : null,
        guestPauseMs: rnd() > 0.6 ? rnd() * 500 : null,
        // Some runs of another settings variant, some points of a sweep: every grouping keeps them apart.
        settingsKey: i % 5 === 0 ? "post-copy" : "",
        ...(i % 7 === 0 ? { sweepVariable: "dirtyRate", sweepValue: (i % 3) * 1e8 } : {}),
      })),
    });
  }
  const select = {
    id: true,
    status: true,
    durationMs: true,
    downtimeMs: true,
    guestPauseMs: true,
    transferredBytes: true,
    throughputGbps: true,
    link: { select: { id: true, lineRateGbps: true, busLimitGbps: true } },
    profile: { select: { id: true, name: true, workload: true, vmCount: true, memoryBytes: true } },
    campaign: { select: { testbed: { select: { id: true, linkScale: true } } } },
    settingsKey: true,
    sweepVariable: true,
    sweepValue: true,
  } as const;
  const sides = [
    { terms: [{ kind: "link" as const, ids: [testbeds[0].links[0].id, testbeds[1].links[0].id] }] },
    { terms: [{ kind: "link" as const, ids: [testbeds[0].links[1].id, testbeds[1].links[1].id] }] },
  ];
  const runsOf = async (ids: number[]) =>
    db.run.findMany({ where: { linkId: { in: ids }, status: "succeeded" }, select });
  const [baselineRuns, candidateRuns] = await Promise.all(sides.map((s) => runsOf(s.terms[0].ids)));
  for (const metric of Object.keys(METRICS) as Metric[]) {
    for (const [grouping, pool] of (["profile", "workload", "workload-rate", "none"] as Grouping[]).flatMap(
      (g) =>
        [
          [g, false],
          [g, true],
        ] as const,
    )) {
      const expected = buildComparison(baselineRuns, candidateRuns, { metric, grouping, pool });
      const cells = await Promise.all(sides.map((s) => compare.aggregateSelection(s, metric)));
      const medians = await Promise.all(
        sides.map(async (s, i) => {
          const out = new Map<string, number>();
          for (const [key, group] of cellsByGroup(cells[i], { grouping, pool })) {
            const m = await compare.medianOfCells(
              s,
              metric,
              group,
              group.reduce((a, c) => a + (c.moments?.n ?? 0), 0),
            );
            if (m !== null) out.set(key, m);
          }
          return out;
        }),
      );
      const actual = buildComparisonFromCells(
        cells[0],
        cells[1],
        { baseline: medians[0], candidate: medians[1] },
        { metric, grouping, pool },
      );
      assert.deepEqual(actual.map((g) => g.key).sort(), expected.map((g) => g.key).sort(), `${metric}/${grouping}`);
      for (const want of expected) {
        const got = actual.find((g) => g.key === want.key)!;
        const what = `${metric}/${grouping}/${want.key}`;
        for (const s of ["baseline", "candidate"] as const) {
          if (!want[s]) {
            assert.equal(got[s], null, what);
            continue;
          }
          for (const k of ["n", "mean", "sd", "ciLow", "ciHigh", "min", "max", "median"] as const) {
            const a = got[s]![k];
            const b = want[s]![k];
            assert.ok(
              a === b || (a !== null && b !== null && Math.abs(a - b) <= Math.abs(b) * 1e-9),
              `${what} ${s}.${k}: ${a} vs ${b}`,
            );
          }
        }
        assert.equal(got.comparison?.verdict, want.comparison?.verdict, what);
        assert.ok(Math.abs((got.baselineRateShare ?? 0) - (want.baselineRateShare ?? 0)) < 1e-12, what);
      }
    }
  }
  // A saved comparison's frozen ids restrict a side.
  const some = baselineRuns.slice(0, 10).map((r) => r.id);
  const frozen = await compare.aggregateSelection({ ...sides[0], frozen: some }, "durationMs");
  assert.equal(
    frozen.reduce((a, c) => a + c.runs, 0),
    10,
  );
  assert.equal(
    (await compare.listSelectionRunIds({ terms: [{ kind: "campaign", ids: [campaigns[0].id] }] }, { take: 1000 }))
      .length,
    300 - 18,
  );
});

test("Two settings variants of one campaign face each other when each side is pinned to one", async () => {
  const { db } = await import("./client");
  const compare = await import("./compare");
  const { loadComparison } = await import("@/lib/operations/comparison-load");
  const { compareParamsSchema } = await import("@/lib/schemas/compare");
  const tb = await createTestbedWithLinks(db, { name: "variants", linkScale: 1 });
  const profile = await db.vmProfile.create({
    data: { name: "variants continuous", memoryBytes: 16 * 2 ** 30, workload: "continuous" },
  });
  const campaign = await db.campaign.create({ data: { name: "pre-copy vs auto-converge", testbedId: tb.id } });
  const rnd = seededRandom(5);
  // Pre-copy takes ~30 s on this workload, auto-converge ~12 s; 6 runs each, plus a failed auto-converge run.
  await db.run.createMany({
    data: Array.from({ length: 13 }, (_, i) => ({
      campaignId: campaign.id,
      linkId: tb.links[0].id,
      profileId: profile.id,
      status: i === 12 ? "failed" : "succeeded",
      adapter: "simulator",
      settingsKey: i % 2 ? "auto-converge" : "",
      strategy: i % 2 ? "auto-converge" : "precopy",
      durationMs: i === 12 ? null : (i % 2 ? 12_000 : 30_000) * (0.95 + rnd() * 0.1),
    })),
  });
  const params = (query: Record<string, string>) =>
    compareParamsSchema.parse({
      b: `campaign:${campaign.id}`,
      c: `campaign:${campaign.id}`,
      group: "workload-rate",
      ...query,
    });

  // Unpinned, the same campaign on both sides: each variant keeps its own group and the sides agree.
  const unpinned = (await loadComparison(params({})))!;
  const keys = unpinned.groups.map((g) => g.key).sort();
  assert.equal(keys.length, 2, keys.join(" | "));
  assert.equal(keys[1], `${keys[0]} · auto-converge`);
  assert.match(keys[0], /^1 × 16 GiB · continuous · [0-9.]+ Gb\/s$/);
  assert.ok(unpinned.groups.every((g) => g.comparison?.verdict.startsWith("no significant difference")));

  // Pinned: one group, pre-copy's six runs against auto-converge's six, and the sides say which variant they are.
  const pinned = (await loadComparison(params({ bv: "Pre-copy", cv: "auto-converge" })))!;
  assert.equal(pinned.groups.length, 1);
  const [g] = pinned.groups;
  assert.ok(!g.key.includes("auto-converge"), g.key);
  assert.equal(g.baseline?.n, 6);
  assert.equal(g.candidate?.n, 6);
  assert.ok(g.baseline!.mean > 28_000 && g.candidate!.mean < 13_000, `${g.baseline?.mean} vs ${g.candidate?.mean}`);
  assert.match(g.comparison!.verdict, /faster/);
  assert.match(pinned.baselineName, /· Pre-copy$/);
  assert.match(pinned.candidateName, /· auto-converge$/);

  // A pinned side lists, saves and exports only its variant's runs, and still offers every variant to choose.
  const { candidate } = compare.selectionsOf(params({ bv: "Pre-copy", cv: "auto-converge" }));
  const ids = await compare.listSelectionRunIds(candidate!);
  assert.equal(ids.length, 6);
  const stored = await db.run.findMany({ where: { id: { in: ids } }, select: { settingsKey: true } });
  assert.ok(stored.every((r) => r.settingsKey === "auto-converge"));
  assert.deepEqual(await compare.listSelectionVariants(candidate!), ["", "auto-converge"]);

  // A variant no run used leaves that side empty: nothing is compared, nothing invented.
  const none = (await loadComparison(params({ bv: "Pre-copy", cv: "multifd ×4" })))!;
  assert.equal(none.candidate.runCount, 0);
  assert.ok(none.groups.every((x) => x.comparison === null));
});
