import { NextResponse } from "next/server";
import { cancelCampaignAs } from "@/lib/operations/runs";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";

/** POST /api/campaigns/:id/cancel: cancel queued runs, stop running ones. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "operator", "Campaign");
  if (!route.ok) return route.response;
  const result = await cancelCampaignAs(route.principal, route.id);
  if (!result.ok) return apiError(result.code === "not_found" ? 404 : 409, result.message);
  return NextResponse.json(result.value);
}
