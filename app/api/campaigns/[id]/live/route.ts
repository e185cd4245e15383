import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { getCampaignLive } from "@/lib/db/campaigns";
import { apiError, routeId } from "../../../_lib/http";

/**
 * GET /api/campaigns/:id/live: status, run counts and the remaining-bytes curves of the runs in
 * progress — the small answer a live campaign page polls instead of re-rendering itself.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Campaign");
  if (!id.ok) return id.response;
  const live = await getCampaignLive({ campaignId: id.id });
  if (!live) return apiError(404, `Campaign #${id.id} not found`);
  return NextResponse.json(live, { headers: { "cache-control": "no-store" } });
}
