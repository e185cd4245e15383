import { NextResponse } from "next/server";
import { compareQuery } from "@/lib/schemas/compare";
import { openComparisonRoute } from "@/lib/http/comparison-route";

/**
 * GET /api/compare?b=&c=&metric=&group=&pool=&workload=&profile=&bv=&cv=: the comparison /compare shows, as JSON —
 * { baseline: { name, runs }, candidate: { name, runs }, groups: [{ key, baseline, candidate,
 * comparison: { ratio, ratioLow, ratioHigh, difference, welch, verdict, significant, enoughRuns } }],
 * url } (the same parameters as the page; `url` is its path).
 */
export async function GET(request: Request) {
  const opened = await openComparisonRoute(request);
  if (!opened.ok) return opened.response;
  const { loaded, params } = opened;
  return NextResponse.json({
    metric: params.metric,
    group: params.group,
    pool: params.pool,
    baseline: { name: loaded.baselineName, runs: loaded.baseline.runCount },
    candidate: { name: loaded.candidateName, runs: loaded.candidate.runCount },
    groups: loaded.groups.map(({ key, baseline, candidate, comparison, profiles, baselineRates, candidateRates }) => ({
      key,
      baseline,
      candidate,
      comparison,
      profiles,
      baselineRatesGbps: baselineRates,
      candidateRatesGbps: candidateRates,
    })),
    url: `/compare?${compareQuery(params)}`,
  });
}
