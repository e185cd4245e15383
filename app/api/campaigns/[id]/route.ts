import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { getCampaign, getCampaignMatrixCells, listCampaignRuns } from "@/lib/db/campaigns";
import { buildResultMatrixFromCells } from "@/lib/stats/matrix";
import { pageQuerySchema } from "@/lib/schemas/paging";
import { apiError, routeId, validationError } from "../../_lib/http";

/**
 * GET /api/campaigns/:id?limit=&after=: the campaign with its run counts, the result matrix
 * (aggregated over all its runs), the links and VM profiles its runs use (once each), and a page of
 * its runs { items, next } naming them by linkId and profileId.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Campaign");
  if (!id.ok) return id.response;
  const page = pageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!page.success) return validationError(page.error);
  const campaign = await getCampaign({ id: id.id });
  if (!campaign) return apiError(404, `Campaign #${id.id} not found`);
  const [{ cells, links, profiles }, runs] = await Promise.all([
    getCampaignMatrixCells({ campaignId: id.id }),
    listCampaignRuns({ campaignId: id.id, after: page.data.after, take: page.data.limit ?? 100 }),
  ]);
  return NextResponse.json({
    campaign,
    results: buildResultMatrixFromCells(cells, links, profiles),
    links,
    profiles,
    runs,
  });
}
