import { NextResponse } from "next/server";
import { getCampaignLive } from "@/lib/db/campaigns";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";

/**
 * GET /api/campaigns/:id/live: status, run counts and the remaining-bytes curves of the runs in
 * progress — the small answer a live campaign page polls instead of re-rendering itself.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "viewer", "Campaign");
  if (!route.ok) return route.response;
  const live = await getCampaignLive({ campaignId: route.id });
  if (!live) return apiError(404, `Campaign #${route.id} not found`);
  return NextResponse.json(live, { headers: { "cache-control": "no-store" } });
}
