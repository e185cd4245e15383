import "server-only";
import { db } from "./client";
import type { WriteResult } from "./errors";
import { listSelectionSeriesRuns } from "./compare";
import { getComparison } from "./comparisons";
import { compareParamsSchema, METRICS, type Metric } from "@/lib/schemas/compare";
import { overallVerdict, regressionVerdict, type SeriesVerdictResult } from "@/lib/stats/regression";
import type { Verdict } from "@/lib/model/vocabulary";

/*
 * Series and their baselines. A series is one VM profile over one link (so one testbed): every
 * succeeded run of that pair, over time. Its baseline is a set of runs frozen when an operator marks
 * a finished campaign or a saved comparison; every campaign that finishes afterwards is compared with
 * it, per metric (SeriesVerdict), and gets an overall verdict (Campaign.verdict).
 */

export const SERIES_METRICS = Object.keys(METRICS) as Metric[];

/** How many runs a baseline keeps per series (the newest): a `runs:` comparison link names at most 500. */
export const MAX_BASELINE_RUNS = 500;

export type SeriesKey = { linkId: number; profileId: number };

const seriesKey = (s: SeriesKey) => `${s.linkId}:${s.profileId}`;

/** Run ids grouped by series, newest first, at most MAX_BASELINE_RUNS each. */
function groupBySeries(runs: { id: number; linkId: number; profileId: number }[]) {
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
    where: { campaignId, status: "succeeded" },
    select: { id: true, linkId: true, profileId: true },
  });
  if (!runs.length) return { ok: false, message: "This campaign has no succeeded runs to be a baseline" };
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
  const row = saved && (await db.comparison.findUnique({ where: { slug }, select: { id: true } }));
  if (!saved || !row) return { ok: false, code: "not_found", message: "This saved comparison no longer exists" };
  const params = compareParamsSchema.safeParse(Object.fromEntries(new URLSearchParams(saved.query)));
  if (!params.success || !params.data.b) return { ok: false, message: "This saved comparison has no baseline side" };
  const runs = await listSelectionSeriesRuns({
    terms: params.data.b,
    workload: params.data.workload,
    profileId: params.data.profile,
    frozen: saved.runIds,
  });
  if (!runs.length) return { ok: false, message: "The baseline side of this comparison has no succeeded runs" };
  const series = groupBySeries(runs);
  await writeBaselines(series, { comparisonId: row.id }, setBy);
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

const METRIC_SELECT = { durationMs: true, throughputGbps: true, transferredBytes: true, downtimeMs: true } as const;
type MetricValues = Record<Metric, number | null>;
const valuesOf = (runs: MetricValues[], metric: Metric) =>
  runs.map((r) => r[metric]).filter((v): v is number => v !== null);

export type CampaignEvaluation = {
  verdict: Verdict | null;
  series: (SeriesKey & { baselineRunIds: number[]; metrics: SeriesVerdictResult[] })[];
};

/**
 * Compares a campaign's succeeded runs with the baseline of each of its series, per metric, and
 * stores the verdicts (replacing earlier ones: a campaign finishing again after re-runs is
 * re-evaluated). Series whose baseline is this campaign itself are left out. Called when a campaign
 * finishes (lib/db/campaign-status.ts) and after an import.
 */
export async function evaluateCampaign({ campaignId }: { campaignId: number }): Promise<CampaignEvaluation> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { testbed: { select: { minEffectPct: true } } },
  });
  if (!campaign) return { verdict: null, series: [] };
  const minEffectPct = campaign.testbed.minEffectPct;
  const runs = await db.run.findMany({
    where: { campaignId, status: "succeeded" },
    select: { id: true, linkId: true, profileId: true, ...METRIC_SELECT },
  });
  const keys = groupBySeries(runs);
  const baselines = keys.length
    ? await db.seriesBaseline.findMany({
        where: { OR: keys.map(({ linkId, profileId }) => ({ linkId, profileId })) },
        select: { linkId: true, profileId: true, campaignId: true, runIdsJson: true },
      })
    : [];
  const series: CampaignEvaluation["series"] = [];
  for (const baseline of baselines) {
    if (baseline.campaignId === campaignId) continue;
    const baselineRunIds = JSON.parse(baseline.runIdsJson) as number[];
    const baselineRuns = await db.run.findMany({
      where: { id: { in: baselineRunIds }, status: "succeeded" },
      select: METRIC_SELECT,
    });
    const mine = runs.filter((r) => r.linkId === baseline.linkId && r.profileId === baseline.profileId);
    series.push({
      linkId: baseline.linkId,
      profileId: baseline.profileId,
      baselineRunIds,
      metrics: SERIES_METRICS.map((metric) =>
        regressionVerdict(valuesOf(baselineRuns, metric), valuesOf(mine, metric), { metric, minEffectPct }),
      ),
    });
  }
  const verdict = overallVerdict(series.flatMap((s) => s.metrics.map((m) => m.verdict)));
  await db.$transaction([
    db.seriesVerdict.deleteMany({ where: { campaignId } }),
    db.seriesVerdict.createMany({
      data: series.flatMap((s) =>
        s.metrics.map((m) => ({
          campaignId,
          linkId: s.linkId,
          profileId: s.profileId,
          ...m,
          baselineRunIdsJson: JSON.stringify(s.baselineRunIds),
          minEffectPct,
        })),
      ),
    }),
    db.campaign.update({ where: { id: campaignId }, data: { verdict } }),
  ]);
  return { verdict, series };
}
