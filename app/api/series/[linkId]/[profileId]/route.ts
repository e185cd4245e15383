import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { getSeries, SERIES_METRICS, seriesCompareQuery, seriesHistory } from "@/lib/db/series";
import { parseId } from "@/lib/schemas/ids";
import { seriesMetricChart } from "@/lib/stats/series";
import { apiError } from "@/lib/http/api-responses";
import { seesPeople } from "@/lib/auth/visibility";

type Context = { params: Promise<{ linkId: string; profileId: string }> };

/**
 * GET /api/series/:linkId/:profileId: one series → { link, profile, baseline: { runIds, setBy (operators and up), …,
 * metrics: { durationMs: { n, mean, ciLow, ciHigh, … }, … } }, campaigns: [{ id, name, finishedAt,
 * metrics: { durationMs: { n, mean, ciLow, ciHigh, verdict, sentence }, … }, compareQuery }], runs }
 * for its newest 50 campaigns (their runs, at most 5,000).
 */
export async function GET(request: Request, { params }: Context) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const raw = await params;
  const linkId = parseId(raw.linkId);
  const profileId = parseId(raw.profileId);
  const series = linkId && profileId ? await getSeries({ linkId, profileId }) : null;
  if (!series) return apiError(404, `Series "${raw.linkId}/${raw.profileId}" not found`);
  const history = seriesHistory(series);
  const charts = Object.fromEntries(SERIES_METRICS.map((m) => [m, seriesMetricChart(history, m)]));
  const { baseline } = series;
  return NextResponse.json({
    link: series.link,
    profile: series.profile,
    baseline: baseline && {
      // Who marked it: for operators and up (an email).
      ...(seesPeople(allowed.principal.role) ? { setBy: baseline.setBy } : {}),
      createdAt: baseline.createdAt,
      campaign: baseline.campaign,
      comparison: baseline.comparison,
      runIds: baseline.runIds,
      metrics: Object.fromEntries(SERIES_METRICS.map((m) => [m, charts[m].baseline])),
    },
    totalCampaigns: series.totalCampaigns,
    campaigns: series.campaigns.map((c) => ({
      ...c,
      metrics: Object.fromEntries(
        SERIES_METRICS.map((m) => {
          const mean = charts[m].means.find((x) => x.campaignId === c.id);
          return [
            m,
            mean
              ? {
                  n: mean.n,
                  mean: mean.mean,
                  ciLow: mean.ciLow,
                  ciHigh: mean.ciHigh,
                  verdict: mean.verdict,
                  sentence: mean.sentence,
                }
              : null,
          ];
        }),
      ),
      compareQuery:
        baseline && baseline.campaign?.id !== c.id
          ? seriesCompareQuery(
              c.id,
              { linkId: series.link.id, profileId: series.profile.id },
              baseline.runIds,
              "durationMs",
            )
          : null,
    })),
    runs: series.runs,
  });
}
