import { NextResponse } from "next/server";
import { getCampaign, getCampaignMatrixCells, listCampaignRuns } from "@/lib/db/campaigns";
import { buildResultMatrixFromCells } from "@/lib/stats/matrix";
import { sweepFromJson, variantsFromJson } from "@/lib/model/migration-settings";
import { getCampaignVerdicts } from "@/lib/db/verdicts";
import { pageQuerySchema } from "@/lib/schemas/paging";
import { apiError, authorizeIdRoute, validationError } from "@/lib/http/api-responses";

/**
 * GET /api/campaigns/:id?limit=&after=: the campaign with its run counts and verdict, its verdicts per
 * series against their baselines (each metric's sentence and the /compare query against the baseline),
 * its settings variants and sweep, the result matrix (aggregated over all its runs; a row per VM profile ×
 * settings variant × swept value), the links and VM profiles its runs use (once each),
 * and a page of its runs { items, next } naming them by linkId and profileId.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "viewer", "Campaign");
  if (!route.ok) return route.response;
  const page = pageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!page.success) return validationError(page.error);
  const campaign = await getCampaign({ id: route.id });
  if (!campaign) return apiError(404, `Campaign #${route.id} not found`);
  const [{ cells, links, profiles }, runs, verdicts] = await Promise.all([
    getCampaignMatrixCells({ campaignId: route.id }),
    listCampaignRuns({ campaignId: route.id, after: page.data.after, take: page.data.limit ?? 100 }),
    getCampaignVerdicts({ campaignId: route.id }),
  ]);
  const { variantsJson, sweepJson, ...rest } = campaign;
  const sweep = sweepFromJson(sweepJson);
  return NextResponse.json({
    campaign: { ...rest, variants: variantsFromJson(variantsJson), sweep },
    verdicts,
    results: buildResultMatrixFromCells(cells, links, profiles, sweep?.variable ?? null),
    links,
    profiles,
    runs,
  });
}
