import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { TEST_DB_KIND, withTestDatabase } from "@/test-support/test-database";
import pg from "pg";
import { buildResultMatrix, buildResultMatrixFromCells } from "@/lib/stats/matrix";
import { createTestbedWithLinks, seededRandom } from "../../test-support/db-fixtures";

// The result matrix from SQL aggregates must be the matrix computed from every run in memory.
const database = withTestDatabase();

test("the matrix aggregated by the database equals the one computed from all runs", async () => {
  const { db } = await import("./client");
  const { getCampaignMatrixCells } = await import("./campaigns");
  const tb = await createTestbedWithLinks(db, { name: "agg" });
  const profiles = await Promise.all(
    ["idle", "once", "continuous"].map((w, i) =>
      db.vmProfile.create({ data: { name: `agg ${w}`, memoryBytes: (i + 1) * 2 ** 30, workload: w } }),
    ),
  );
  const campaign = await db.campaign.create({ data: { name: "agg", testbedId: tb.id } });
  const statuses = ["succeeded", "succeeded", "succeeded", "failed", "queued", "cancelled"];
  const rnd = seededRandom(7);
  const data = Array.from({ length: 400 }, (_, i) => {
    const status = statuses[i % statuses.length];
    const ok = status === "succeeded";
    return {
      campaignId: campaign.id,
      linkId: tb.links[i % 2].id,
      profileId: profiles[Math.floor(rnd() * 3)].id,
      status,
      adapter: "simulator",
      durationMs: ok ? 1000 + rnd() * 20000 : null,
      throughputGbps: ok && rnd() > 0.1 ? rnd() * 20 : null,
      transferredBytes: ok ? rnd() * 1e10 : null,
      downtimeMs: ok && rnd() > 0.5 ? rnd() * 500 : null,
      guestPauseMs: ok && rnd() > 0.5 ? rnd() * 600 : null,
    };
  });
  await db.run.createMany({ data });
  const runs = await db.run.findMany({
    where: { campaignId: campaign.id },
    select: {
      status: true,
      durationMs: true,
      throughputGbps: true,
      transferredBytes: true,
      downtimeMs: true,
      guestPauseMs: true,
      link: true,
      profile: true,
    },
  });
  const inMemory = buildResultMatrix(runs);
  const { cells, links, profiles: used } = await getCampaignMatrixCells({ campaignId: campaign.id });
  const fromSql = buildResultMatrixFromCells(cells, links, used);
  assert.equal(fromSql.rows.length, 3);
  assert.deepEqual(fromSql.links, inMemory.links);
  for (const [i, row] of fromSql.rows.entries()) {
    const expected = inMemory.rows[i];
    assert.equal(row.profileId, expected.profileId);
    for (const [linkId, cell] of Object.entries(row.cells)) {
      const want = expected.cells[Number(linkId)];
      assert.equal(cell.n, want.n);
      assert.equal(cell.failed, want.failed);
      for (const k of [
        ...(["meanDurationMs", "meanThroughputGbps", "meanTransferredBytes"] as const),
        ...(["meanDowntimeMs", "meanGuestPauseMs"] as const),
      ]) {
        if (want[k] === null) assert.equal(cell[k], null, k);
        else assert.ok(Math.abs(cell[k]! - want[k]!) <= Math.abs(want[k]!) * 1e-12, `${k}: ${cell[k]} vs ${want[k]}`);
        // The 95% interval from the database's Σx and Σx² is the one from the runs themselves.
        const [got, exact] = [cell.spread?.[k], want.spread?.[k]];
        if (exact === undefined) assert.equal(got, undefined, k);
        else
          assert.ok(
            got?.n === exact.n && Math.abs(got.half - exact.half) <= exact.half * 1e-9,
            `${k} ±: ${JSON.stringify(got)} vs ${JSON.stringify(exact)}`,
          );
      }
    }
    assert.ok(Math.abs((row.speedup?.factor ?? 0) - (expected.speedup?.factor ?? 0)) < 1e-12);
  }
});

test("the matrix's intervals keep their precision where values are large and close", async () => {
  const { db } = await import("./client");
  const { getCampaignMatrixCells } = await import("./campaigns");
  const tb = await createTestbedWithLinks(db, { name: "precise" });
  const profile = await db.vmProfile.create({ data: { name: "precise", memoryBytes: 2 ** 34, workload: "once" } });
  const campaign = await db.campaign.create({ data: { name: "precise", testbedId: tb.id } });
  const base = 16 * 2 ** 30;
  await db.run.createMany({
    data: [0, 100, 200].map((d, i) => ({
      campaignId: campaign.id,
      linkId: tb.links[0].id,
      profileId: profile.id,
      status: "succeeded",
      adapter: "simulator",
      durationMs: 1000,
      transferredBytes: base + d,
      iteration: i + 1,
    })),
  });
  const { cells } = await getCampaignMatrixCells({ campaignId: campaign.id });
  // 16 GiB + 0, 100, 200 B: sd 100 B, half t(0.975, 2) × 100/√3 = 248.4 B (Σx² − (Σx)²/n gave 0 here).
  assert.ok(Math.abs(cells[0].spread!.meanTransferredBytes!.half - 248.4) < 0.1, JSON.stringify(cells[0].spread));
  // Identical times: no spread at all.
  assert.equal(cells[0].spread!.meanDurationMs!.half, 0);
});

const QUERIES = {
  "result matrix":
    "SELECT profileId, linkId, settingsKey, sweepValue, status, COUNT(*), AVG(durationMs) FROM Run WHERE campaignId = 1 GROUP BY profileId, linkId, settingsKey, sweepValue, status",
  "intervals of the result matrix":
    "WITH m AS (SELECT profileId AS p, linkId AS l, settingsKey AS sk, sweepValue AS sx, AVG(CAST(durationMs AS DOUBLE PRECISION)) AS a FROM Run WHERE campaignId = 1 AND status = 'succeeded' GROUP BY profileId, linkId, settingsKey, sweepValue) SELECT m.p, COUNT(r.durationMs), SUM((r.transferredBytes - m.a) * (r.transferredBytes - m.a)) FROM Run r JOIN m ON r.profileId = m.p AND r.linkId = m.l AND r.settingsKey = m.sk AND r.sweepValue IS NOT DISTINCT FROM m.sx WHERE r.campaignId = 1 AND r.status = 'succeeded' GROUP BY m.p, m.l, m.sk, m.sx",
  "runs of a campaign, a page": "SELECT id FROM Run WHERE campaignId = 1 AND id > 10 ORDER BY id LIMIT 101",
  "latest runs": "SELECT id FROM Run ORDER BY createdAt DESC, id DESC LIMIT 10",
  "campaigns, a page": "SELECT id FROM Campaign WHERE id < 500 ORDER BY id DESC LIMIT 51",
  "run counts of a page of campaigns":
    "SELECT campaignId, status, COUNT(*) FROM Run WHERE campaignId IN (1, 2, 3) GROUP BY campaignId, status",
  "campaigns of a testbed": "SELECT id FROM Campaign WHERE testbedId = 1",
  "comparison cells of a testbed":
    "SELECT campaignId, profileId, linkId, settingsKey, sweepVariable, sweepValue, COUNT(*), SUM(durationMs - 1), MIN(durationMs), SUM(throughputGbps) FROM Run WHERE status = 'succeeded' AND campaignId IN (SELECT id FROM Campaign WHERE testbedId IN (1)) GROUP BY campaignId, profileId, linkId, settingsKey, sweepVariable, sweepValue",
  "median of a comparison group":
    "SELECT durationMs FROM Run WHERE status = 'succeeded' AND campaignId IN (SELECT id FROM Campaign WHERE testbedId IN (1)) AND profileId IN (1) AND linkId IN (1, 2) AND durationMs IS NOT NULL ORDER BY durationMs LIMIT 1 OFFSET 10",
  "samples of a run": "SELECT tMs, remainingBytes FROM Sample WHERE runId = 5 ORDER BY tMs",
  "audit log, a page": "SELECT id FROM AuditEvent WHERE id < 100 ORDER BY id DESC LIMIT 51",
};

test("the pages' main queries use an index (no scan of Run or Sample)", { skip: TEST_DB_KIND !== "sqlite" }, () => {
  const sqlite = new Database(database.url.replace(/^file:/, ""), { readonly: true });
  const plan = (sql: string) =>
    (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(" | ");
  for (const [name, sql] of Object.entries(QUERIES)) {
    const p = plan(sql);
    assert.doesNotMatch(p, /SCAN (Run|Sample|Campaign|AuditEvent)\b(?! USING)/, `${name}: ${p}`);
    assert.match(p, /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/, `${name}: ${p}`);
    // Comparisons and the matrix read the metrics from the covering index, never from the rows.
    if (name === "runs of a campaign, a page")
      assert.match(p, /Run_campaignId_idx \(campaignId=\? AND rowid>\?\)/, `${name}: ${p}`);
    if (/comparison|matrix/.test(name))
      assert.match(p, /SEARCH Run USING COVERING INDEX Run_campaign_cells_idx/, `${name}: ${p}`);
  }
  sqlite.close();
});

test(
  "PostgreSQL can answer the pages' main queries from indexes",
  { skip: TEST_DB_KIND !== "postgresql" },
  async () => {
    // Tables this small are read whole by choice; with sequential scans priced out the planner shows
    // whether an index can serve each query at all.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("SET enable_seqscan = off");
    const quoted = (sql: string) =>
      sql.replace(
        /\b(Run|Sample|Campaign|AuditEvent|campaignId|profileId|linkId|testbedId|runId|status|durationMs|throughputGbps|transferredBytes|createdAt|tMs|remainingBytes|settingsKey|sweepVariable|sweepValue|id)\b/g,
        '"$1"',
      );
    for (const [name, sql] of Object.entries(QUERIES)) {
      const rows = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${quoted(sql)}`);
      const p = rows.rows.map((r) => r["QUERY PLAN"]).join(" | ");
      assert.doesNotMatch(p, /Seq Scan on "?(Run|Sample|Campaign|AuditEvent)"?/, `${name}: ${p}`);
      assert.match(p, /Index (Only )?Scan|Bitmap Index Scan/, `${name}: ${p}`);
    }
    await client.end();
  },
);

test("the campaign list finds names by case-insensitive substring, with the verdict filter and paging", async () => {
  const { db } = await import("./client");
  const { listCampaigns } = await import("./campaigns");
  const tb = await createTestbedWithLinks(db, { name: "search" });
  for (let i = 0; i < 5; i++)
    await db.campaign.create({
      data: { name: `Nightly 40GbE #${i}`, testbedId: tb.id, verdict: i % 2 ? "regression" : null },
    });
  await db.campaign.create({ data: { name: "10GbE baseline", testbedId: tb.id } });
  const first = await listCampaigns({ nameContains: "nightly 40gbe", take: 3 });
  assert.deepEqual(
    first.items.map((c) => c.name),
    ["Nightly 40GbE #4", "Nightly 40GbE #3", "Nightly 40GbE #2"],
  );
  const second = await listCampaigns({ nameContains: "nightly 40gbe", take: 3, before: first.next! });
  assert.deepEqual(
    second.items.map((c) => c.name),
    ["Nightly 40GbE #1", "Nightly 40GbE #0"],
  );
  assert.equal(second.next, null);
  const regressions = await listCampaigns({ nameContains: "NIGHTLY", verdict: "regression" });
  assert.deepEqual(
    regressions.items.map((c) => c.name),
    ["Nightly 40GbE #3", "Nightly 40GbE #1"],
  );
  assert.equal((await listCampaigns({ nameContains: "no such campaign" })).items.length, 0);
});

test("a campaign's runs filter by status, link and profile, and page through every order without gaps", async () => {
  const { db } = await import("./client");
  const { listCampaignRuns } = await import("./campaigns");
  const tb = await createTestbedWithLinks(db, { name: "sorted" });
  const profile = await db.vmProfile.create({ data: { name: "sorted p", memoryBytes: 2 ** 30, workload: "idle" } });
  const other = await db.campaign.create({ data: { name: "other", testbedId: tb.id } });
  const campaign = await db.campaign.create({ data: { name: "sorted", testbedId: tb.id } });
  const statuses = ["succeeded", "failed", "queued", "succeeded", "running"] as const;
  // Repeated durations: the id tiebreaker decides their order; runs without a time come last.
  await db.run.createMany({
    data: Array.from({ length: 23 }, (_, i) => ({
      campaignId: campaign.id,
      linkId: tb.links[i % 2].id,
      profileId: profile.id,
      status: statuses[i % statuses.length],
      adapter: "simulator",
      durationMs: statuses[i % statuses.length] === "succeeded" ? 1000 * (i % 4) : null,
    })),
  });
  await db.run.create({
    data: { campaignId: other.id, linkId: tb.links[0].id, profileId: profile.id, status: "succeeded", adapter: "s" },
  });
  const all = await db.run.findMany({ where: { campaignId: campaign.id }, orderBy: { id: "asc" } });
  const walk = async (args: Omit<Parameters<typeof listCampaignRuns>[0], "campaignId">) => {
    const ids: number[] = [];
    let after: number | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await listCampaignRuns({ campaignId: campaign.id, take: 4, ...args, after });
      ids.push(...page.items.map((r) => r.id));
      if (page.next === null) return ids;
      after = page.next;
    }
    throw new Error("paging did not end");
  };
  const byDuration = (dir: 1 | -1) =>
    [...all]
      .sort(
        (a, b) =>
          (a.durationMs === null ? 1 : 0) - (b.durationMs === null ? 1 : 0) ||
          (a.durationMs !== null && b.durationMs !== null ? dir * (a.durationMs - b.durationMs) : 0) ||
          a.id - b.id,
      )
      .map((r) => r.id);
  assert.deepEqual(
    await walk({}),
    all.map((r) => r.id),
  );
  assert.deepEqual(await walk({ sort: "duration-asc" }), byDuration(1));
  assert.deepEqual(await walk({ sort: "duration-desc" }), byDuration(-1));
  assert.deepEqual(
    await walk({ sort: "status" }),
    [...all].sort((a, b) => a.status.localeCompare(b.status) || a.id - b.id).map((r) => r.id),
  );
  assert.deepEqual(
    await walk({ status: "succeeded", linkId: tb.links[1].id, sort: "duration-desc" }),
    byDuration(-1).filter((id) => {
      const r = all.find((x) => x.id === id)!;
      return r.status === "succeeded" && r.linkId === tb.links[1].id;
    }),
  );
  const filtered = await listCampaignRuns({ campaignId: campaign.id, status: "failed" });
  assert.equal(filtered.matching, all.filter((r) => r.status === "failed").length);
  assert.equal((await listCampaignRuns({ campaignId: campaign.id })).matching, null);
  // A cursor from another campaign starts from the beginning instead of leaking its position.
  const foreign = await db.run.findFirstOrThrow({ where: { campaignId: other.id } });
  const fromForeign = await listCampaignRuns({ campaignId: campaign.id, sort: "status", after: foreign.id, take: 100 });
  assert.equal(fromForeign.items.length, all.length);
});

test("a cell counts the runs whose downtime overshot the limit they ran under: the swept one, the variant's, the testbed's", async () => {
  const { db } = await import("./client");
  const { getCampaignMatrixCells } = await import("./campaigns");
  // A QEMU testbed whose default limit is 300 ms.
  const tb = await createTestbedWithLinks(db, {
    name: "overshoot",
    hypervisor: "qemu",
    connectionJson: JSON.stringify({ downtimeLimitMs: 300 }),
  });
  const profile = await db.vmProfile.create({
    data: { name: "overshoot guest", memoryBytes: 2 ** 28, workload: "once" },
  });
  const run = (campaignId: number, downtimeMs: number, extra: Record<string, unknown> = {}) => ({
    campaignId,
    linkId: tb.links[0].id,
    profileId: profile.id,
    status: "succeeded",
    adapter: "qemu",
    durationMs: 2000,
    transferredBytes: 3e8,
    downtimeMs,
    ...extra,
  });
  const plain = await db.campaign.create({ data: { name: "overshoot plain", testbedId: tb.id } });
  const multifd = { settingsKey: "multifd4", downtimeLimitMs: 100 };
  await db.run.createMany({
    data: [
      // The testbed's 300 ms: one of three over it.
      run(plain.id, 250),
      run(plain.id, 299),
      run(plain.id, 371),
      // A variant's own 100 ms: both over it, though under the testbed's.
      run(plain.id, 120, multifd),
      run(plain.id, 140, multifd),
    ],
  });
  const { cells } = await getCampaignMatrixCells({ campaignId: plain.id });
  const byKey = new Map(cells.map((c) => [c.settingsKey, c]));
  assert.equal(byKey.get("")!.overLimit, 1);
  assert.equal(byKey.get("multifd4")!.overLimit, 2);
  // A downtime-limit sweep: each run against its swept value.
  const swept = await db.campaign.create({ data: { name: "overshoot swept", testbedId: tb.id } });
  await db.run.createMany({
    data: [
      run(swept.id, 90, { sweepVariable: "downtimeLimit", sweepValue: 100 }),
      run(swept.id, 110, { sweepVariable: "downtimeLimit", sweepValue: 100 }),
      run(swept.id, 280, { sweepVariable: "downtimeLimit", sweepValue: 300 }),
    ],
  });
  const sweptCells = (await getCampaignMatrixCells({ campaignId: swept.id })).cells;
  assert.deepEqual(
    sweptCells.map((c) => [c.sweepValue, c.overLimit ?? 0]).sort((a, b) => a[0]! - b[0]!),
    [
      [100, 1],
      [300, 0],
    ],
  );
});
