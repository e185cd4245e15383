import "server-only";
import { METRIC_COLUMN_SELECT } from "@/lib/model/metrics";
import { overallVerdict, type Verdict } from "@/lib/model/vocabulary";
import type { Metric } from "@/lib/schemas/compare";
import type { SeriesVerdictResult } from "@/lib/stats/regression";
import { db } from "./client";
import { isUniqueViolation } from "./errors";
import { groupBySeries, SERIES_METRICS, SERIES_RUNS, seriesCompareQuery, seriesKey, type SeriesKey } from "./series";

/*
 * Verdicts: what a finished campaign's comparison with its series' baselines stored (SeriesVerdict,
 * Campaign.verdict). Computing them is lib/operations/verdicts.ts's; this file reads and writes them.
 */

export type MetricValues = Record<Metric, number | null>;

export type CampaignEvaluation = {
  verdict: Verdict | null;
  series: (SeriesKey & { baselineRunIds: number[]; metrics: SeriesVerdictResult[] })[];
};

/**
 * What a campaign is judged on: the testbed's minimum effect, and per series with a baseline (other
 * than this campaign) the campaign's succeeded series runs and the baseline's. null: no such campaign.
 */
export async function readEvaluationInputs({ campaignId }: { campaignId: number }) {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { testbed: { select: { minEffectPct: true } } },
  });
  if (!campaign) return null;
  const runs = await db.run.findMany({
    where: { campaignId, status: "succeeded", ...SERIES_RUNS },
    select: { id: true, linkId: true, profileId: true, ...METRIC_COLUMN_SELECT },
  });
  const keys = groupBySeries(runs);
  const baselines = keys.length
    ? await db.seriesBaseline.findMany({
        where: { OR: keys.map(({ linkId, profileId }) => ({ linkId, profileId })) },
        select: { linkId: true, profileId: true, campaignId: true, runIdsJson: true },
      })
    : [];
  const series: (SeriesKey & { baselineRunIds: number[]; baseline: MetricValues[]; candidate: MetricValues[] })[] = [];
  for (const baseline of baselines) {
    if (baseline.campaignId === campaignId) continue;
    const baselineRunIds = JSON.parse(baseline.runIdsJson) as number[];
    series.push({
      linkId: baseline.linkId,
      profileId: baseline.profileId,
      baselineRunIds,
      baseline: await db.run.findMany({
        where: { id: { in: baselineRunIds }, status: "succeeded" },
        select: METRIC_COLUMN_SELECT,
      }),
      candidate: runs.filter((r) => r.linkId === baseline.linkId && r.profileId === baseline.profileId),
    });
  }
  return { minEffectPct: campaign.testbed.minEffectPct, series };
}

/** Stores a campaign's verdicts, replacing earlier ones (a campaign finishing again after re-runs). */
export async function storeCampaignVerdicts({
  campaignId,
  evaluation: { verdict, series },
  minEffectPct,
}: {
  campaignId: number;
  evaluation: CampaignEvaluation;
  minEffectPct: number;
}) {
  // Two processes may evaluate the same campaign at once (its last runs ending together): the later
  // write, refused by the unique index on PostgreSQL, is made again once the first has committed.
  const write = () =>
    db.$transaction([
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
  await write().catch((error) => (isUniqueViolation(error) ? write() : Promise.reject(error)));
}

/**
 * A campaign's verdicts, one entry per series it was compared on: the link and VM profile, the
 * series' verdict (its worst metric's), each metric's verdict and the comparison against the baseline.
 */
export async function getCampaignVerdicts({ campaignId }: { campaignId: number }) {
  const rows = await db.seriesVerdict.findMany({
    where: { campaignId },
    orderBy: [{ linkId: "asc" }, { profileId: "asc" }],
    select: {
      ...{ linkId: true, profileId: true, metric: true, verdict: true, sentence: true, changePct: true },
      ...{ pValue: true, baselineN: true, candidateN: true, baselineMean: true, candidateMean: true },
      ...{ baselineRunIdsJson: true, minEffectPct: true, createdAt: true },
      link: { select: { name: true } },
      profile: { select: { name: true } },
    },
  });
  const series = new Map<string, { rows: typeof rows }>();
  for (const row of rows) {
    const key = seriesKey(row);
    series.set(key, { rows: [...(series.get(key)?.rows ?? []), row] });
  }
  return [...series.values()].map(({ rows: list }) => {
    const first = list[0];
    const baselineRunIds = JSON.parse(first.baselineRunIdsJson) as number[];
    const metrics = SERIES_METRICS.flatMap((metric) => {
      const r = list.find((x) => x.metric === metric);
      if (!r) return [];
      const { baselineRunIdsJson: _ids, link: _link, profile: _profile, linkId: _l, profileId: _p, ...rest } = r;
      return [
        {
          ...rest,
          metric,
          verdict: r.verdict as Verdict,
          compareQuery: seriesCompareQuery(campaignId, first, baselineRunIds, metric),
        },
      ];
    });
    return {
      linkId: first.linkId,
      profileId: first.profileId,
      linkName: first.link.name,
      profileName: first.profile.name,
      minEffectPct: first.minEffectPct,
      baselineRuns: baselineRunIds.length,
      verdict: overallVerdict(metrics.map((m) => m.verdict)),
      metrics,
    };
  });
}

/** The newest campaigns with a given verdict (the overview's Regressions panel). */
export async function listCampaignsByVerdict({ verdict, take = 5 }: { verdict: Verdict; take?: number }) {
  const campaigns = await db.campaign.findMany({
    where: { verdict },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, name: true, finishedAt: true, testbed: { select: { id: true, name: true } } },
  });
  // The sentence of each one's first regressed (or improved…) metric, to say what changed.
  const firsts = await Promise.all(
    campaigns.map((c) =>
      db.seriesVerdict.findFirst({
        where: { campaignId: c.id, verdict },
        orderBy: [{ linkId: "asc" }, { profileId: "asc" }, { id: "asc" }],
        select: { sentence: true, link: { select: { name: true } }, profile: { select: { name: true } } },
      }),
    ),
  );
  const counts = await db.seriesVerdict.groupBy({
    by: ["campaignId"],
    where: { campaignId: { in: campaigns.map((c) => c.id) }, verdict },
    _count: { _all: true },
  });
  return campaigns.map((c, i) => ({
    ...c,
    headline: firsts[i] && {
      series: `${firsts[i]!.profile.name} · ${firsts[i]!.link.name}`,
      sentence: firsts[i]!.sentence,
    },
    metricsWithVerdict: counts.find((n) => n.campaignId === c.id)?._count._all ?? 0,
  }));
}
