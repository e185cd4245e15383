import "server-only";
import { METRIC_COLUMN_SELECT, METRIC_KEYS } from "@/lib/model/metrics";
import { db } from "./client";
import { PROFILE_MODEL_SELECT } from "./selects";
import { Prisma } from "@/lib/generated/prisma/client";
import { variantKeyOfLabel, type CompareParams, type Metric, type SelectionTerm } from "@/lib/schemas/compare";
import type { CompareCell } from "@/lib/stats/compare-view";
import type { CurveCandidate } from "@/lib/stats/curves";
import { usableRateGbps } from "@/lib/model/rates";
import { labelOfSettingsKey } from "@/lib/model/migration-settings";
import { idsOfJsonArray, withoutIndexHint } from "./dialect";

export const RUN_SELECT = {
  id: true,
  iteration: true,
  status: true,
  adapter: true,
  ...METRIC_COLUMN_SELECT,
  precopyRounds: true,
  dirtyRateBytesPerSec: true,
  errorReason: true,
  startedAt: true,
  finishedAt: true,
  settingsJson: true,
  sweepVariable: true,
  sweepValue: true,
  campaign: {
    select: { id: true, name: true, testbed: { select: { id: true, name: true, hypervisor: true, linkScale: true } } },
  },
  link: { select: { id: true, name: true, lineRateGbps: true, busLimitGbps: true } },
  profile: { select: PROFILE_MODEL_SELECT },
} satisfies Prisma.RunSelect;

export type SelectedRun = Prisma.RunGetPayload<{ select: typeof RUN_SELECT }>;

/** What one side of a comparison selects: every term must hold; only succeeded runs count. */
export type Selection = {
  terms: SelectionTerm[];
  workload?: string;
  profileId?: number;
  /** Only this settings variant's runs ("" = the defaults); absent: every variant. */
  settingsKey?: string;
  /** A saved comparison's frozen run ids. */ frozen?: number[];
};

/** Both sides of a comparison's URL as selections (null where a side is missing). */
export function selectionsOf(
  params: Pick<CompareParams, "b" | "c" | "workload" | "profile" | "bv" | "cv">,
  frozen?: number[],
): { baseline: Selection | null; candidate: Selection | null } {
  const filters = { workload: params.workload, profileId: params.profile, frozen };
  const side = (terms: SelectionTerm[] | undefined, label: string | undefined): Selection | null =>
    terms ? { terms, ...filters, ...(label !== undefined ? { settingsKey: variantKeyOfLabel(label) } : {}) } : null;
  return { baseline: side(params.b, params.bv), candidate: side(params.c, params.cv) };
}

/** Each metric's Run column (named as its registry key, lib/model/metrics.ts). */
const METRIC_COLUMNS = Object.fromEntries(METRIC_KEYS.map((k) => [k, Prisma.raw(`r."${k}"`)])) as Record<
  Metric,
  Prisma.Sql
>;

/**
 * The WHERE of a selection over Run r. `inIdOrder`: for the first runs
 * in id order (paging, curves) — the columns are written `+r."x"` so SQLite walks the primary key
 * and stops at the LIMIT instead of collecting a whole testbed's runs through an index to sort them.
 */
function selectionWhere(sel: Selection, inIdOrder = false): Prisma.Sql {
  const col = (name: string) => (inIdOrder ? withoutIndexHint(name) : Prisma.raw(`r."${name}"`));
  const parts: Prisma.Sql[] = [Prisma.sql`${col("status")} = 'succeeded'`];
  for (const t of sel.terms) {
    const ids = Prisma.join(t.ids);
    if (t.kind === "campaign") parts.push(Prisma.sql`${col("campaignId")} IN (${ids})`);
    else if (t.kind === "link") parts.push(Prisma.sql`${col("linkId")} IN (${ids})`);
    // Through the campaigns of the testbeds: lets the database walk Run by its campaign index.
    else if (t.kind === "testbed")
      parts.push(Prisma.sql`${col("campaignId")} IN (SELECT "id" FROM "Campaign" WHERE "testbedId" IN (${ids}))`);
    else if (t.kind === "profile") parts.push(Prisma.sql`${col("profileId")} IN (${ids})`);
    else parts.push(Prisma.sql`r."id" IN (${ids})`);
  }
  if (sel.workload)
    parts.push(Prisma.sql`${col("profileId")} IN (SELECT "id" FROM "VmProfile" WHERE "workload" = ${sel.workload})`);
  if (sel.profileId) parts.push(Prisma.sql`${col("profileId")} = ${sel.profileId}`);
  if (sel.settingsKey !== undefined) parts.push(Prisma.sql`${col("settingsKey")} = ${sel.settingsKey}`);
  // One JSON parameter however many ids a saved comparison froze (an IN list would hit the parameter limit).
  if (sel.frozen) parts.push(Prisma.sql`r."id" IN (${idsOfJsonArray(sel.frozen)})`);
  return Prisma.join(parts, " AND ");
}

/**
 * The runs of a selection that series are made of (default settings, no sweep) as (id, link, VM
 * profile), newest first: what a saved comparison's side makes a baseline of.
 */
export async function listSelectionSeriesRuns(
  sel: Selection,
): Promise<{ id: number; linkId: number; profileId: number }[]> {
  const rows = await db.$queryRaw<{ id: number | bigint; l: number | bigint; p: number | bigint }[]>`
    SELECT r."id" AS id, r."linkId" AS l, r."profileId" AS p FROM "Run" r
    WHERE ${selectionWhere(sel)} AND r."settingsKey" = '' AND r."sweepValue" IS NULL ORDER BY r."id" DESC`;
  return rows.map((r) => ({ id: Number(r.id), linkId: Number(r.l), profileId: Number(r.p) }));
}

type CellRow = {
  t: number;
  p: number;
  l: number;
  sk: string;
  sv: string | null;
  sx: number | null;
  runs: number | bigint;
  n: number | bigint;
  s1: number | null;
  s2: number | null;
  mn: number | null;
  mx: number | null;
  ntp: number | bigint;
  stp: number | null;
};

/**
 * A side's cells (VM profile × link × testbed) aggregated by the database for a metric: succeeded
 * runs, count, mean, M2 (sum of squared deviations), min, max, and the throughput sum for rate
 * shares — whatever the number of runs. One pass over the covering index
 * Run(campaignId, status, profileId, linkId, metrics…): sums of the values shifted by one of the
 * side's own values K (so no precision is lost to large values), grouped in index order per
 * campaign, then per testbed over those few rows.
 */
export async function aggregateSelection(sel: Selection, metric: Metric): Promise<CompareCell[]> {
  const x = METRIC_COLUMNS[metric];
  const where = selectionWhere(sel);
  const [first] = await db.$queryRaw<
    { k: number | null }[]
  >`SELECT ${x} AS k FROM "Run" r WHERE ${where} AND ${x} IS NOT NULL LIMIT 1`;
  const k = first?.k ?? 0;
  const rows = await db.$queryRaw<CellRow[]>`
    SELECT c."testbedId" AS t, a.p, a.l, a.sk, a.sv, a.sx, SUM(a.runs) AS runs, SUM(a.n) AS n, SUM(a.s1) AS s1, SUM(a.s2) AS s2, MIN(a.mn) AS mn, MAX(a.mx) AS mx, SUM(a.ntp) AS ntp, SUM(a.stp) AS stp
    FROM (
      SELECT r."campaignId" AS cid, r."profileId" AS p, r."linkId" AS l, r."settingsKey" AS sk, r."sweepVariable" AS sv, r."sweepValue" AS sx,
        COUNT(*) AS runs, COUNT(${x}) AS n, SUM(${x} - ${k}) AS s1, SUM((${x} - ${k}) * (${x} - ${k})) AS s2,
        MIN(${x}) AS mn, MAX(${x}) AS mx, COUNT(r."throughputGbps") AS ntp, SUM(r."throughputGbps") AS stp
      FROM "Run" r WHERE ${where} GROUP BY r."campaignId", r."profileId", r."linkId", r."settingsKey", r."sweepVariable", r."sweepValue"
    ) a JOIN "Campaign" c ON c."id" = a.cid
    GROUP BY c."testbedId", a.p, a.l, a.sk, a.sv, a.sx`;
  if (!rows.length) return [];
  const [profiles, links, testbeds] = await Promise.all([
    db.vmProfile.findMany({
      where: { id: { in: [...new Set(rows.map((r) => Number(r.p)))] } },
      select: { id: true, name: true, workload: true, vmCount: true, memoryBytes: true },
    }),
    db.link.findMany({
      where: { id: { in: [...new Set(rows.map((r) => Number(r.l)))] } },
      select: { id: true, lineRateGbps: true, busLimitGbps: true },
    }),
    db.testbed.findMany({
      where: { id: { in: [...new Set(rows.map((r) => Number(r.t)))] } },
      select: { id: true, linkScale: true },
    }),
  ]);
  const profile = new Map(profiles.map((p) => [p.id, p]));
  const link = new Map(links.map((l) => [l.id, l]));
  const testbed = new Map(testbeds.map((t) => [t.id, t]));
  return rows.map((r) => {
    const n = Number(r.n);
    // mean = K + Σ(x−K)/n; Σ(x−mean)² = Σ(x−K)² − (Σ(x−K))²/n.
    const s1 = r.s1 ?? 0;
    const s2 = r.s2 ?? 0;
    return {
      profileId: Number(r.p),
      linkId: Number(r.l),
      testbedId: Number(r.t),
      profile: profile.get(Number(r.p))!,
      link: link.get(Number(r.l))!,
      linkScale: testbed.get(Number(r.t))!.linkScale,
      settingsKey: r.sk,
      sweep: r.sv !== null && r.sx !== null ? { variable: r.sv, value: r.sx } : null,
      runs: Number(r.runs),
      moments: n > 0 ? { n, mean: k + s1 / n, m2: Math.max(0, s2 - (s1 * s1) / n), min: r.mn!, max: r.mx! } : null,
      throughput: { n: Number(r.ntp), sumGbps: r.stp ?? 0 },
    };
  });
}

/**
 * The median of a metric over some cells of a side: an ordered query that reads the middle one
 * or two values (n = how many runs report the metric there). The cells' profiles, links and
 * testbeds narrow the index search; a group that is not their full cross product also lists
 * its cells one by one.
 */
export async function medianOfCells(
  sel: Selection,
  metric: Metric,
  cells: Pick<CompareCell, "profileId" | "linkId" | "testbedId" | "settingsKey" | "sweep">[],
  n: number,
): Promise<number | null> {
  if (!cells.length || n < 1) return null;
  const x = METRIC_COLUMNS[metric];
  const profiles = [...new Set(cells.map((c) => c.profileId))];
  const links = [...new Set(cells.map((c) => c.linkId))];
  const testbeds = [...new Set(cells.map((c) => c.testbedId))];
  const how = [...new Set(cells.map((c) => `${c.settingsKey}|${c.sweep?.variable ?? ""}|${c.sweep?.value ?? ""}`))];
  // A cell's settings variant and swept value (or none).
  const howOf = (c: (typeof cells)[number]) =>
    c.sweep
      ? Prisma.sql`r."settingsKey" = ${c.settingsKey} AND r."sweepVariable" = ${c.sweep.variable} AND r."sweepValue" = ${c.sweep.value}`
      : Prisma.sql`r."settingsKey" = ${c.settingsKey} AND r."sweepValue" IS NULL`;
  const parts = [
    Prisma.sql`r."profileId" IN (${Prisma.join(profiles)})`,
    Prisma.sql`r."linkId" IN (${Prisma.join(links)})`,
    Prisma.sql`r."campaignId" IN (SELECT "id" FROM "Campaign" WHERE "testbedId" IN (${Prisma.join(testbeds)}))`,
  ];
  if (how.length === 1) parts.push(howOf(cells[0]));
  if (how.length > 1 || cells.length < profiles.length * links.length * testbeds.length) {
    const each = cells.map(
      (c) =>
        Prisma.sql`(r."profileId" = ${c.profileId} AND r."linkId" = ${c.linkId} AND ${howOf(c)} AND r."campaignId" IN (SELECT "id" FROM "Campaign" WHERE "testbedId" = ${c.testbedId}))`,
    );
    parts.push(Prisma.sql`(${Prisma.join(each, " OR ")})`);
  }
  const rows = await db.$queryRaw<{ x: number }[]>`
    SELECT ${x} AS x FROM "Run" r WHERE ${selectionWhere(sel)} AND ${Prisma.join(parts, " AND ")} AND ${x} IS NOT NULL
    ORDER BY ${x} LIMIT ${2 - (n % 2)} OFFSET ${Math.floor((n - 1) / 2)}`;
  return rows.length ? rows.reduce((a, r) => a + r.x, 0) / rows.length : null;
}

/** The settings variants a side's runs used (at most 50, whatever variant the side is pinned to), by key. */
export async function listSelectionVariants(sel: Selection): Promise<string[]> {
  const rows = await db.$queryRaw<{ k: string }[]>`
    SELECT DISTINCT r."settingsKey" AS k FROM "Run" r WHERE ${selectionWhere({ ...sel, settingsKey: undefined })} LIMIT 50`;
  return rows.map((r) => r.k).sort();
}

/** Ids of a side's runs in id order, a page at a time (exports, saving a comparison). */
export async function listSelectionRunIds(
  sel: Selection,
  { after = 0, take = 500 }: { after?: number; take?: number } = {},
): Promise<number[]> {
  const rows = await db.$queryRaw<
    { id: number | bigint }[]
  >`SELECT r."id" AS id FROM "Run" r WHERE ${selectionWhere(sel, true)} AND r."id" > ${after} ORDER BY r."id" LIMIT ${take}`;
  return rows.map((r) => Number(r.id));
}

/**
 * The runs of a side that recorded progress samples, with what the curve chooser shows of them (link,
 * profile, time): looked for among its first 200 runs, so a side of 50,000 runs costs no more than a
 * small one.
 */
export async function listCurveCandidates(sel: Selection, take = 40): Promise<CurveCandidate[]> {
  const first = await listSelectionRunIds(sel, { take: 200 });
  if (!first.length) return [];
  const withSamples = await db.sample.findMany({
    where: { runId: { in: first } },
    distinct: ["runId"],
    select: { runId: true },
  });
  const has = new Set(withSamples.map((s) => s.runId));
  const ids = first.filter((id) => has.has(id)).slice(0, take);
  const runs = await db.run.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      durationMs: true,
      link: { select: { id: true, name: true, lineRateGbps: true, busLimitGbps: true } },
      profile: { select: { name: true } },
      campaign: { select: { testbed: { select: { linkScale: true } } } },
    },
  });
  return runs.map((r) => ({
    id: r.id,
    linkId: r.link.id,
    linkName: r.link.name,
    rateGbps: usableRateGbps(r.link) * r.campaign.testbed.linkScale,
    profileName: r.profile.name,
    durationMs: r.durationMs,
  }));
}

/** Remaining-bytes samples of a few runs, for overlaid curves. */
export async function listSamplesForRuns({ runIds, take = 16 }: { runIds: number[]; take?: number }) {
  return db.run.findMany({
    where: { id: { in: runIds.slice(0, take) } },
    select: {
      id: true,
      link: { select: { name: true } },
      profile: { select: { name: true } },
      samples: { orderBy: { tMs: "asc" }, select: { tMs: true, remainingBytes: true } },
    },
  });
}

/** Words for a selection, e.g. "Whitepaper… · 10GbE ConnectX-2" (and its settings variant, when pinned). */
export async function describeSelection({
  terms,
  settingsKey,
}: {
  terms: SelectionTerm[];
  settingsKey?: string;
}): Promise<string> {
  const parts: string[] = [];
  for (const t of terms) {
    const where = { where: { id: { in: t.ids } }, select: { name: true } } as const;
    const names =
      t.kind === "campaign"
        ? (await db.campaign.findMany(where)).map((x) => x.name)
        : t.kind === "link"
          ? (await db.link.findMany(where)).map((x) => x.name)
          : t.kind === "testbed"
            ? (await db.testbed.findMany(where)).map((x) => x.name)
            : t.kind === "profile"
              ? (await db.vmProfile.findMany(where)).map((x) => x.name)
              : [`runs ${t.ids.map((i) => `#${i}`).join(", ")}`];
    parts.push(names.length ? names.join(" / ") : `${t.kind} ${t.ids.join(", ")} (not found)`);
  }
  if (settingsKey !== undefined) parts.push(labelOfSettingsKey(settingsKey));
  return parts.join(" · ");
}
