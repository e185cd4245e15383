import "server-only";
import { METRIC_COLUMN_SELECT } from "@/lib/model/metrics";
import { db } from "./client";
import type { WriteResult } from "./errors";
import { listSelectionSeriesRuns, selectionsOf } from "./compare";
import { getComparison } from "./comparisons";
import { compareParamsSchema, METRICS, queryToRecord, type Metric } from "@/lib/schemas/compare";
import type { SeriesHistory } from "@/lib/stats/series";
import { overallVerdict, type Verdict } from "@/lib/model/vocabulary";

/*
 * Series and their baselines. A series is one VM profile over one link (so one testbed): every
 * succeeded run of that pair, over time. Its baseline is a set of runs frozen when an operator marks
 * a finished campaign or a saved comparison; every campaign that finishes afterwards is compared with
 * it, per metric (SeriesVerdict), and gets an overall verdict (Campaign.verdict).
 *
 * Series hold the runs made with the default migration settings and no sweep (SERIES_RUNS): a run of
 * auto-converge or post-copy, or one point of a sweep, is not the same measurement and neither sets
 * nor is judged against a pre-copy baseline.
 */

/** The runs series are made of: default migration settings, not part of a sweep. */
export const SERIES_RUNS = { settingsKey: "", sweepValue: null } as const;

export const SERIES_METRICS = Object.keys(METRICS) as Metric[];

/** How many runs a baseline keeps per series (the newest): a `runs:` comparison link names at most 500. */
export const MAX_BASELINE_RUNS = 500;

export type SeriesKey = { linkId: number; profileId: number };

export const seriesKey = (s: SeriesKey) => `${s.linkId}:${s.profileId}`;

/** Run ids grouped by series, newest first, at most MAX_BASELINE_RUNS each. */
export function groupBySeries(runs: { id: number; linkId: number; profileId: number }[]) {
  const out = new Map<string, SeriesKey & { runIds: number[] }>();
  for (const run of [...runs].sort((a, b) => b.id - a.id)) {
    const key = seriesKey(run);
    const entry = out.get(key) ?? { linkId: run.linkId, profileId: run.profileId, runIds: [] };
    if (entry.runIds.length < MAX_BASELINE_RUNS) entry.runIds.push(run.id);
    out.set(key, entry);
  }
  return [...out.values()];
}

async function writeBaselines(
  series: (SeriesKey & { runIds: number[] })[],
  source: { campaignId: number } | { comparisonId: number },
  setBy: string,
) {
  const from = { campaignId: null, comparisonId: null, ...source };
  await db.$transaction(
    series.map((s) =>
      db.seriesBaseline.upsert({
        where: { linkId_profileId: { linkId: s.linkId, profileId: s.profileId } },
        create: { linkId: s.linkId, profileId: s.profileId, ...from, runIdsJson: JSON.stringify(s.runIds), setBy },
        update: { ...from, runIdsJson: JSON.stringify(s.runIds), setBy, createdAt: new Date() },
      }),
    ),
  );
}

/**
 * Marks a finished campaign as the baseline of every series it has succeeded runs in (replacing
 * their previous baselines). Refused while it still runs or when nothing succeeded.
 */
export async function setCampaignBaseline({
  campaignId,
  setBy,
}: {
  campaignId: number;
  setBy: string;
}): Promise<WriteResult<{ name: string; series: number; runs: number }>> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { name: true, status: true } });
  if (!campaign) return { ok: false, code: "not_found", message: `Campaign #${campaignId} no longer exists` };
  if (campaign.status === "queued" || campaign.status === "running")
    return { ok: false, message: "A campaign can be a baseline once it has finished; this one is still running" };
  const runs = await db.run.findMany({
    where: { campaignId, status: "succeeded", ...SERIES_RUNS },
    select: { id: true, linkId: true, profileId: true },
  });
  if (!runs.length)
    return {
      ok: false,
      message:
        "This campaign has no succeeded runs with the default migration settings outside a sweep, which is what series track",
    };
  const series = groupBySeries(runs);
  await writeBaselines(series, { campaignId }, setBy);
  return {
    ok: true,
    value: { name: campaign.name, series: series.length, runs: series.reduce((n, s) => n + s.runIds.length, 0) },
  };
}

/** Marks a saved comparison's baseline side (its frozen runs) as the baseline of every series it covers. */
export async function setComparisonBaseline({
  slug,
  setBy,
}: {
  slug: string;
  setBy: string;
}): Promise<WriteResult<{ title: string; series: number; runs: number }>> {
  const saved = await getComparison({ slug });
  if (!saved) return { ok: false, code: "not_found", message: "This saved comparison no longer exists" };
  const params = compareParamsSchema.safeParse(queryToRecord(saved.query));
  if (!params.success || !params.data.b) return { ok: false, message: "This saved comparison has no baseline side" };
  const runs = await listSelectionSeriesRuns(selectionsOf(params.data, saved.runIds).baseline!);
  if (!runs.length) return { ok: false, message: "The baseline side of this comparison has no succeeded runs" };
  const series = groupBySeries(runs);
  await writeBaselines(series, { comparisonId: saved.id }, setBy);
  return {
    ok: true,
    value: { title: saved.title, series: series.length, runs: series.reduce((n, s) => n + s.runIds.length, 0) },
  };
}

/** Removes a series' baseline: campaigns that finish afterwards get no verdict on it. */
export async function clearSeriesBaseline({ linkId, profileId }: SeriesKey): Promise<WriteResult<SeriesKey>> {
  const { count } = await db.seriesBaseline.deleteMany({ where: { linkId, profileId } });
  return count
    ? { ok: true, value: { linkId, profileId } }
    : { ok: false, code: "not_found", message: "This series has no baseline" };
}

// ---- Reads ----------------------------------------------------------------------------------------

/** The `runs:` selection of a baseline for comparison links (ascending ids). */
export function baselineSelection(runIds: number[]): string {
  return `runs:${[...runIds].sort((a, b) => a - b).join(".")}`;
}

/** The /compare query of a campaign's runs of a series against the series' baseline runs, for a metric. */
export function seriesCompareQuery(campaignId: number, key: SeriesKey, baselineRunIds: number[], metric: Metric) {
  const q = new URLSearchParams({
    b: baselineSelection(baselineRunIds),
    c: `campaign:${campaignId}+link:${key.linkId}+profile:${key.profileId}`,
    metric,
    group: "none",
  });
  return q.toString();
}

/** How many series a list shows at most. */
export const MAX_LISTED_SERIES = 500;

/**
 * Every series with succeeded runs (of one testbed, or all), most recently run first: its link,
 * VM profile, runs, last run, baseline and the verdict of its newest evaluated campaign.
 */
export async function listSeries({ testbedId }: { testbedId?: number } = {}) {
  const groups = await db.run.groupBy({
    by: ["linkId", "profileId"],
    where: { status: "succeeded", ...SERIES_RUNS, ...(testbedId ? { link: { testbedId } } : {}) },
    _count: { _all: true },
    _max: { finishedAt: true },
    orderBy: { _max: { finishedAt: "desc" } },
    take: MAX_LISTED_SERIES,
  });
  if (!groups.length) return [];
  const linkIds = [...new Set(groups.map((g) => g.linkId))];
  const profileIds = [...new Set(groups.map((g) => g.profileId))];
  const [links, profiles, baselines, latest] = await Promise.all([
    db.link.findMany({
      where: { id: { in: linkIds } },
      select: { id: true, name: true, testbed: { select: { id: true, name: true } } },
    }),
    db.vmProfile.findMany({ where: { id: { in: profileIds } }, select: { id: true, name: true, workload: true } }),
    db.seriesBaseline.findMany({
      where: { linkId: { in: linkIds }, profileId: { in: profileIds } },
      select: { linkId: true, profileId: true, createdAt: true, runIdsJson: true },
    }),
    db.$queryRaw<{ l: number | bigint; p: number | bigint; c: number | bigint; verdict: string }[]>`
      SELECT v."linkId" AS l, v."profileId" AS p, v."campaignId" AS c, v."verdict" AS verdict FROM "SeriesVerdict" v
      JOIN (SELECT "linkId", "profileId", MAX("campaignId") AS c FROM "SeriesVerdict" GROUP BY "linkId", "profileId") m
        ON m."linkId" = v."linkId" AND m."profileId" = v."profileId" AND m.c = v."campaignId"`,
  ]);
  const link = new Map(links.map((l) => [l.id, l]));
  const profile = new Map(profiles.map((p) => [p.id, p]));
  return groups.map((g) => {
    const key = seriesKey(g);
    const baseline = baselines.find((b) => seriesKey(b) === key);
    const verdicts = latest.filter((v) => `${Number(v.l)}:${Number(v.p)}` === key);
    return {
      linkId: g.linkId,
      profileId: g.profileId,
      link: link.get(g.linkId)!,
      profile: profile.get(g.profileId)!,
      runs: g._count._all,
      lastRunAt: g._max.finishedAt,
      baseline: baseline
        ? { createdAt: baseline.createdAt, runs: (JSON.parse(baseline.runIdsJson) as number[]).length }
        : null,
      latest: verdicts.length
        ? { campaignId: Number(verdicts[0].c), verdict: overallVerdict(verdicts.map((v) => v.verdict as Verdict)) }
        : null,
    };
  });
}

/** How many campaigns a series page shows (the newest). */
export const SERIES_CAMPAIGNS = 50;
/** How many runs a series page plots at most (the newest). */
export const SERIES_POINTS = 5000;

/**
 * One series for its page: link (and testbed), VM profile, baseline with its runs' values, and its
 * newest campaigns (at most SERIES_CAMPAIGNS) with their runs' values and verdicts; null when the
 * link or the VM profile does not exist.
 */
export async function getSeries({ linkId, profileId }: SeriesKey) {
  const [link, profile, baseline] = await Promise.all([
    db.link.findUnique({
      where: { id: linkId },
      select: { id: true, name: true, testbed: { select: { id: true, name: true, minEffectPct: true } } },
    }),
    db.vmProfile.findUnique({ where: { id: profileId }, select: { id: true, name: true, workload: true } }),
    db.seriesBaseline.findUnique({
      where: { linkId_profileId: { linkId, profileId } },
      select: {
        ...{ runIdsJson: true, setBy: true, createdAt: true },
        campaign: { select: { id: true, name: true } },
        comparison: { select: { slug: true, title: true } },
      },
    }),
  ]);
  if (!link || !profile) return null;
  const where = { linkId, profileId, status: "succeeded", ...SERIES_RUNS };
  const newest = await db.run.groupBy({
    by: ["campaignId"],
    where,
    orderBy: { campaignId: "desc" },
    take: SERIES_CAMPAIGNS,
  });
  const campaignIds = newest.map((g) => g.campaignId);
  const baselineRunIds = baseline ? (JSON.parse(baseline.runIdsJson) as number[]) : [];
  const [campaigns, runs, verdicts, baselineRuns, totalCampaigns] = await Promise.all([
    db.campaign.findMany({
      where: { id: { in: campaignIds } },
      orderBy: { id: "asc" },
      select: { id: true, name: true, status: true, createdAt: true, finishedAt: true, verdict: true },
    }),
    db.run.findMany({
      where: { ...where, campaignId: { in: campaignIds } },
      orderBy: { id: "desc" },
      take: SERIES_POINTS,
      select: { id: true, campaignId: true, finishedAt: true, ...METRIC_COLUMN_SELECT },
    }),
    db.seriesVerdict.findMany({
      where: { linkId, profileId, campaignId: { in: campaignIds } },
      select: { campaignId: true, metric: true, verdict: true, sentence: true, changePct: true, pValue: true },
    }),
    db.run.findMany({ where: { id: { in: baselineRunIds }, status: "succeeded" }, select: METRIC_COLUMN_SELECT }),
    db.run.groupBy({ by: ["campaignId"], where }).then((g) => g.length),
  ]);
  return {
    link,
    profile,
    baseline: baseline && {
      setBy: baseline.setBy,
      createdAt: baseline.createdAt,
      campaign: baseline.campaign,
      comparison: baseline.comparison,
      runIds: baselineRunIds,
      runs: baselineRuns,
    },
    campaigns,
    totalCampaigns,
    runs: runs.reverse(),
    verdicts: verdicts.map((v) => ({ ...v, metric: v.metric as Metric, verdict: v.verdict as Verdict })),
  };
}

export type SeriesData = NonNullable<Awaited<ReturnType<typeof getSeries>>>;

/** What a series' charts are drawn from (lib/stats/series.ts): its campaigns, runs, verdicts and baseline runs. */
export function seriesHistory(series: SeriesData): SeriesHistory {
  return {
    campaigns: series.campaigns,
    runs: series.runs,
    verdicts: series.verdicts,
    baselineRuns: series.baseline?.runs ?? [],
  };
}

/** How many series a campaign is currently the baseline of. */
export async function countSeriesWithBaselineCampaign({ campaignId }: { campaignId: number }) {
  return db.seriesBaseline.count({ where: { campaignId } });
}

/** How many series have a baseline. */
export async function countBaselines() {
  return db.seriesBaseline.count();
}
