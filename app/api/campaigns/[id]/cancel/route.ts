import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { cancelCampaignAs } from "@/lib/operations/runs";
import { apiError, routeId } from "../../../_lib/http";

/** POST /api/campaigns/:id/cancel: cancel queued runs, stop running ones. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "operator");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Campaign");
  if (!id.ok) return id.response;
  const result = await cancelCampaignAs(allowed.principal, id.id);
  if (!result.ok) return apiError(result.code === "not_found" ? 404 : 409, result.message);
  return NextResponse.json(result.value);
}
