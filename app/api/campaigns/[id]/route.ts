import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { getCampaign } from "@/lib/db/campaigns";
import { buildResultMatrix } from "@/lib/stats/matrix";
import { apiError, routeId } from "../../_lib/http";

/** GET /api/campaigns/:id: the campaign, its runs, run counts and the aggregated result matrix. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Campaign");
  if (!id.ok) return id.response;
  const campaign = await getCampaign({ id: id.id });
  if (!campaign) return apiError(404, `Campaign #${id.id} not found`);
  return NextResponse.json({ campaign, results: buildResultMatrix(campaign.runs) });
}
