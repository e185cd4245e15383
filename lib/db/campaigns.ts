import "server-only";
import { meanKey, METRIC_COLUMN_SELECT, METRIC_KEYS, type MeanKey } from "@/lib/model/metrics";
import type { RunStatus, Verdict } from "@/lib/model/vocabulary";
import { cache } from "react";
import { db } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";
import { spreadOf } from "@/lib/stats/summary";
import type { MatrixCellAggregate } from "@/lib/stats/matrix";
import { listRunningSamples } from "./runs";
import type { WriteResult } from "./errors";
import { RUN_SORTS, type LaunchCampaignInput, type RunSort } from "@/lib/schemas/campaign";
import { variantsFromJson, type MigrationSettings, type Sweep } from "@/lib/model/migration-settings";
import { campaignDowntimeLimitMs, testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { RUN_STATUSES } from "@/lib/model/vocabulary";
import { idsAfter, pageOf, rowsAfter, type PageArgs } from "./paging";
import { containsIgnoringCase } from "./dialect";
import { LINK_RATE_SELECT, PROFILE_MODEL_SELECT, TESTBED_CONNECTION_SELECT } from "./selects";
import { queueCampaignRuns } from "./run-life";

export type RunStatusCounts = Record<(typeof RUN_STATUSES)[number], number> & { total: number };

async function statusCountsByCampaign(campaignIds: number[]): Promise<Map<number, RunStatusCounts>> {
  const groups = await db.run.groupBy({
    by: ["campaignId", "status"],
    where: { campaignId: { in: campaignIds } },
    _count: { _all: true },
  });
  const out = new Map<number, RunStatusCounts>();
  for (const id of campaignIds) {
    out.set(id, { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, interrupted: 0, total: 0 });
  }
  for (const g of groups) {
    const counts = out.get(g.campaignId)!;
    if ((RUN_STATUSES as readonly string[]).includes(g.status))
      counts[g.status as keyof RunStatusCounts] += g._count._all;
    counts.total += g._count._all;
  }
  return out;
}

/**
 * A page of campaigns, newest first, with their testbed and run counts by status; only those with a
 * verdict when given. `before` is the id to continue after (the `next` of the previous page); run
 * counts are grouped for this page only.
 */
export async function listCampaigns({
  take = 50,
  before,
  verdict,
  pinned,
  nameContains,
}: { before?: number; verdict?: Verdict; pinned?: boolean; nameContains?: string } & PageArgs = {}) {
  const rows = await db.campaign.findMany({
    where: {
      ...idsAfter(before, "desc"),
      ...(verdict ? { verdict } : {}),
      ...(pinned ? { pinned: true } : {}),
      ...(nameContains ? { name: containsIgnoringCase(nameContains) } : {}),
    },
    orderBy: { id: "desc" },
    take: take + 1,
    select: {
      id: true,
      name: true,
      status: true,
      source: true,
      createdAt: true,
      finishedAt: true,
      verdict: true,
      pinned: true,
      testbed: { select: { id: true, name: true, hypervisor: true } },
    },
  });
  const page = pageOf(rows, take);
  const counts = await statusCountsByCampaign(page.items.map((c) => c.id));
  return { items: page.items.map((c) => ({ ...c, counts: counts.get(c.id)! })), next: page.next };
}

/** Pins a campaign to the overview, or unpins it. */
export async function setCampaignPinned({
  id,
  pinned,
}: {
  id: number;
  pinned: boolean;
}): Promise<WriteResult<{ name: string; pinned: boolean }>> {
  const { count } = await db.campaign.updateMany({ where: { id }, data: { pinned } });
  const row = count ? await db.campaign.findUnique({ where: { id }, select: { name: true } }) : null;
  return row
    ? { ok: true, value: { name: row.name, pinned } }
    : { ok: false, message: "This campaign no longer exists" };
}

/** One campaign with its testbed and run counts (not its runs); null when missing. Once per request. */
export const getCampaign = cache(async ({ id }: { id: number }) => {
  const campaign = await db.campaign.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      status: true,
      iterations: true,
      timeScale: true,
      source: true,
      notes: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      verdict: true,
      pinned: true,
      variantsJson: true,
      sweepJson: true,
      testbed: { select: TESTBED_CONNECTION_SELECT },
    },
  });
  if (!campaign) return null;
  const counts = (await statusCountsByCampaign([id])).get(id)!;
  // The connection settings only yield the downtime limit; they leave with nothing else.
  const { connectionJson, ...testbed } = campaign.testbed;
  const testbedLimit = testbedDowntimeLimitMs(testbed.hypervisor, connectionJson);
  const downtimeLimitMs = campaignDowntimeLimitMs(testbedLimit, variantsFromJson(campaign.variantsJson));
  return { ...campaign, testbed: { ...testbed, downtimeLimitMs: testbedLimit }, counts, downtimeLimitMs };
});

/** Per cell of succeeded runs: each metric's mean (as a double: byte counts squared overflow integers). */
const CELL_MEANS = Prisma.join(METRIC_KEYS.map((k) => Prisma.raw(`AVG(CAST("${k}" AS DOUBLE PRECISION)) AS "a_${k}"`)));
/** Per cell: how many runs measured each metric, and M2, their squared deviations from the cell's mean. */
const CELL_M2 = Prisma.join(
  METRIC_KEYS.flatMap((k) => {
    const d = `(CAST(r."${k}" AS DOUBLE PRECISION) - m."a_${k}")`;
    return [Prisma.raw(`COUNT(r."${k}") AS "n_${k}"`), Prisma.raw(`SUM(${d} * ${d}) AS "m2_${k}"`)];
  }),
);

/**
 * Per cell, the succeeded runs whose downtime exceeded the limit they migrated under: the swept limit (a
 * downtime-limit sweep), else their variant's, else the testbed's (the hypervisor's default where it sets none).
 */
async function countOverLimit(campaignId: number) {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { testbed: { select: { hypervisor: true, connectionJson: true } } },
  });
  const testbedLimit = campaign
    ? testbedDowntimeLimitMs(campaign.testbed.hypervisor, campaign.testbed.connectionJson)
    : null;
  const by: ("profileId" | "linkId" | "settingsKey" | "sweepValue")[] = [
    "profileId",
    "linkId",
    "settingsKey",
    "sweepValue",
  ];
  const base = { campaignId, status: "succeeded" };
  const notSwept = { OR: [{ sweepVariable: null }, { sweepVariable: { not: "downtimeLimit" } }] };
  const counted: { profileId: number; linkId: number; settingsKey: string; sweepValue: number | null; n: number }[] =
    [];
  for (const groups of await Promise.all([
    db.run.groupBy({
      by,
      where: { ...base, sweepVariable: "downtimeLimit", downtimeMs: { gt: db.run.fields.sweepValue } },
      _count: { _all: true },
    }),
    db.run.groupBy({
      by,
      where: {
        ...base,
        ...notSwept,
        downtimeLimitMs: { not: null },
        downtimeMs: { gt: db.run.fields.downtimeLimitMs },
      },
      _count: { _all: true },
    }),
    testbedLimit === null
      ? []
      : db.run.groupBy({
          by,
          where: { ...base, ...notSwept, downtimeLimitMs: null, downtimeMs: { gt: testbedLimit } },
          _count: { _all: true },
        }),
  ]))
    for (const g of groups) counted.push({ ...g, n: (g._count as { _all: number })._all });
  return counted;
}

/**
 * The result matrix's cells, aggregated by the database (GROUP BY profile, link, status: counts and
 * means of the succeeded runs), with the links and profiles they name — whatever the number of runs.
 */
export async function getCampaignMatrixCells({ campaignId }: { campaignId: number }) {
  const groups = await db.run.groupBy({
    by: ["profileId", "linkId", "settingsKey", "sweepValue", "status"],
    where: { campaignId },
    _count: { _all: true },
    _avg: METRIC_COLUMN_SELECT,
  });
  const cells = new Map<string, MatrixCellAggregate>();
  for (const g of groups) {
    const key = `${g.profileId}:${g.linkId}:${g.settingsKey}:${g.sweepValue ?? ""}`;
    const cell = cells.get(key) ?? {
      profileId: g.profileId,
      linkId: g.linkId,
      settingsKey: g.settingsKey,
      sweepValue: g.sweepValue,
      n: 0,
      failed: 0,
      ...(Object.fromEntries(METRIC_KEYS.map((k) => [meanKey(k), null])) as Record<MeanKey, null>),
    };
    if (g.status === "succeeded") {
      cell.n = g._count._all;
      for (const k of METRIC_KEYS) cell[meanKey(k)] = g._avg[k];
    } else if (g.status === "failed") cell.failed = g._count._all;
    cells.set(key, cell);
  }
  // Succeeded runs whose link's counters saw too little of their bytes: flagged in their cell.
  const offLink = await db.run.groupBy({
    by: ["profileId", "linkId", "settingsKey", "sweepValue"],
    where: { campaignId, status: "succeeded", wireVerdict: "off-link" },
    _count: { _all: true },
  });
  // Each mean's 95% interval: per cell and metric, the runs that measured it and M2 — two passes (the
  // cells' means, then the deviations from them), so identical values give exactly no spread.
  const spread = await db.$queryRaw<Record<string, number | bigint | string | null>[]>`
    WITH m AS (
      SELECT "profileId" AS p, "linkId" AS l, "settingsKey" AS sk, "sweepValue" AS sx, ${CELL_MEANS}
      FROM "Run" WHERE "campaignId" = ${campaignId} AND "status" = 'succeeded'
      GROUP BY "profileId", "linkId", "settingsKey", "sweepValue"
    )
    SELECT m.p, m.l, m.sk, m.sx, ${CELL_M2}
    FROM "Run" r JOIN m ON r."profileId" = m.p AND r."linkId" = m.l AND r."settingsKey" = m.sk
      AND r."sweepValue" IS NOT DISTINCT FROM m.sx
    WHERE r."campaignId" = ${campaignId} AND r."status" = 'succeeded'
    GROUP BY m.p, m.l, m.sk, m.sx`;
  for (const g of spread) {
    const cell = cells.get(`${g.p}:${g.l}:${g.sk}:${g.sx ?? ""}`);
    if (!cell) continue;
    cell.spread = {};
    for (const k of METRIC_KEYS) {
      const s = spreadOf(Number(g[`n_${k}`] ?? 0), Number(g[`m2_${k}`] ?? 0));
      if (s) cell.spread[meanKey(k)] = s;
    }
  }
  for (const g of offLink) {
    const cell = cells.get(`${g.profileId}:${g.linkId}:${g.settingsKey}:${g.sweepValue ?? ""}`);
    if (cell) cell.offLink = g._count._all;
  }
  for (const g of await countOverLimit(campaignId)) {
    const cell = cells.get(`${g.profileId}:${g.linkId}:${g.settingsKey}:${g.sweepValue ?? ""}`);
    if (cell) cell.overLimit = (cell.overLimit ?? 0) + g.n;
  }
  const [links, profiles] = await Promise.all([
    db.link.findMany({ where: { id: { in: [...new Set(groups.map((g) => g.linkId))] } }, select: LINK_RATE_SELECT }),
    db.vmProfile.findMany({
      where: { id: { in: [...new Set(groups.map((g) => g.profileId))] } },
      select: PROFILE_MODEL_SELECT,
    }),
  ]);
  return { cells: [...cells.values()], links, profiles };
}

/** A sweep campaign's runs, their metrics only, for its curves (lib/stats/sweep.ts). */
export async function getSweepRuns({ campaignId }: { campaignId: number }) {
  return db.run.findMany({
    where: { campaignId, sweepValue: { not: null }, status: { in: ["succeeded", "failed"] } },
    select: {
      ...{ profileId: true, linkId: true, settingsKey: true, sweepValue: true, status: true },
      ...METRIC_COLUMN_SELECT,
    },
  });
}

type CampaignRunsPage = {
  campaignId: number;
  /** The last run of the previous page (its `next`). */
  after?: number;
  status?: RunStatus;
  linkId?: number;
  profileId?: number;
  sort?: RunSort;
} & PageArgs;

/**
 * A page of a campaign's runs, filtered by status, link and VM profile, in id order or by time or status
 * (then id; runs without a time last); `after` is the previous page's `next`. Links and profiles by id only.
 */
export async function listCampaignRuns({
  campaignId,
  after,
  status,
  linkId,
  profileId,
  sort = "id",
  take = 100,
}: CampaignRunsPage) {
  const filter = {
    campaignId,
    ...(status ? { status } : {}),
    ...(linkId ? { linkId } : {}),
    ...(profileId ? { profileId } : {}),
  };
  const { column, dir, nullable } = RUN_SORTS[sort];
  let where: Prisma.RunWhereInput;
  let orderBy: Prisma.RunOrderByWithRelationInput[];
  if (column === "id") {
    where = { ...filter, ...idsAfter(after, "asc") };
    orderBy = [{ id: "asc" }];
  } else {
    // The page continues after the last run shown, by its value now; one from another campaign is ignored.
    const from = after
      ? await db.run.findFirst({
          where: { id: after, campaignId },
          select: { id: true, durationMs: true, status: true },
        })
      : null;
    where = { AND: [filter, rowsAfter(column, dir, from ? { id: from.id, value: from[column] } : null, nullable)] };
    orderBy = [nullable ? { [column]: { sort: dir, nulls: "last" } } : { [column]: dir }, { id: "asc" }];
  }
  const [rows, matching] = await Promise.all([
    db.run.findMany({
      where,
      orderBy,
      take: take + 1,
      select: {
        id: true,
        linkId: true,
        profileId: true,
        iteration: true,
        status: true,
        adapter: true,
        errorReason: true,
        ...METRIC_COLUMN_SELECT,
        wireVerdict: true,
        precopyRounds: true,
        finishedAt: true,
        attempt: true,
        settingsKey: true,
        sweepValue: true,
      },
    }),
    status || linkId || profileId ? db.run.count({ where: filter }) : null,
  ]);
  /** How many runs the filters match (null without filters: the campaign's own count). */
  return { ...pageOf(rows, take), matching };
}

/**
 * Creates a campaign and all its runs as queued, in one transaction: either every run of the
 * matrix is written or none is. Runs are ordered iteration by iteration so early results cover
 * every cell.
 */
export async function createCampaignWithRuns({
  data,
  firing,
}: {
  /** Without variants: the defaults alone; without a sweep: none. */
  data: Omit<LaunchCampaignInput, "variants" | "sweep"> & { variants?: MigrationSettings[]; sweep?: Sweep | null };
  /** The schedule firing it is, if one: at most one campaign per key (a second is a unique violation). */
  firing?: { scheduleId: number; key: string };
}): Promise<WriteResult<{ id: number; runCount: number }>> {
  const testbed = await db.testbed.findUnique({
    where: { id: data.testbedId },
    select: { hypervisor: true, links: { select: { id: true } } },
  });
  if (!testbed) return { ok: false, message: "This testbed does not exist", field: "testbedId" };
  const own = new Set(testbed.links.map((l) => l.id));
  const foreign = data.linkIds.filter((id) => !own.has(id));
  if (foreign.length)
    return {
      ok: false,
      message: `Link${foreign.length > 1 ? "s" : ""} ${foreign.map((i) => `#${i}`).join(", ")} ${foreign.length > 1 ? "do" : "does"} not belong to this testbed`,
      field: "linkIds",
    };
  const profiles = await db.vmProfile.findMany({ where: { id: { in: data.profileIds } }, select: { id: true } });
  const missing = data.profileIds.filter((id) => !profiles.some((p) => p.id === id));
  if (missing.length)
    return {
      ok: false,
      message: `VM profile${missing.length > 1 ? "s" : ""} ${missing.map((i) => `#${i}`).join(", ")} ${missing.length > 1 ? "do" : "does"} not exist`,
      field: "profileIds",
    };

  const queued = await db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        name: data.name,
        testbedId: data.testbedId,
        iterations: data.iterations,
        timeScale: data.timeScale,
        status: "queued",
        variantsJson: JSON.stringify(data.variants ?? []),
        sweepJson: data.sweep ? JSON.stringify(data.sweep) : null,
        ...(firing ? { scheduleId: firing.scheduleId, firingKey: firing.key } : {}),
      },
      select: { id: true },
    });
    const runCount = await queueCampaignRuns(tx, { ...data, id: campaign.id, adapter: testbed.hypervisor });
    return { id: campaign.id, runCount };
  });
  return { ok: true, value: queued };
}

/** What a live campaign page polls: status, run counts and the progress of the runs in flight. */
export async function getCampaignLive({ campaignId }: { campaignId: number }) {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { status: true } });
  if (!campaign) return null;
  const counts = (await statusCountsByCampaign([campaignId])).get(campaignId)!;
  const running = counts.running > 0 ? await listRunningSamples({ campaignId }) : [];
  return {
    status: campaign.status,
    counts,
    running: running.map((r) => ({
      name: `#${r.id} ${r.profile.name} · ${r.link.name}`,
      points: thin(r.samples, 200),
    })),
  };
}

/** At most `max` points, evenly picked, the last one kept: curves stay light whatever the sampling. */
function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const step = points.length / max;
  const out = Array.from({ length: max - 1 }, (_, i) => points[Math.floor(i * step)]);
  out.push(points[points.length - 1]);
  return out;
}
