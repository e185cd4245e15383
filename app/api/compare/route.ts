import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { compareParamsSchema, compareQuery } from "@/lib/schemas/compare";
import { apiError, validationError } from "@/lib/http/api-responses";
import { loadComparison } from "@/lib/db/comparison-load";

/**
 * GET /api/compare?b=&c=&metric=&group=&pool=&workload=&profile=&bv=&cv=: the comparison /compare shows, as JSON —
 * { baseline: { name, runs }, candidate: { name, runs }, groups: [{ key, baseline, candidate,
 * comparison: { ratio, ratioLow, ratioHigh, difference, welch, verdict, significant, enoughRuns } }],
 * url } (the same parameters as the page; `url` is its path).
 */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const parsed = compareParamsSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams.entries()));
  if (!parsed.success) return validationError(parsed.error);
  const loaded = await loadComparison(parsed.data);
  if (!loaded) return apiError(400, "Choose a baseline (b) and a candidate (c)");
  return NextResponse.json({
    metric: parsed.data.metric,
    group: parsed.data.group,
    pool: parsed.data.pool,
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
    url: `/compare?${compareQuery(parsed.data)}`,
  });
}
