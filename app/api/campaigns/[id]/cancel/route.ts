import { NextResponse } from "next/server";
import { cancelCampaign } from "@/lib/db/run-control";
import { apiError, routeId } from "../../../_lib/http";

/** POST /api/campaigns/:id/cancel: cancel queued runs, stop running ones. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = await routeId(params, "Campaign");
  if (!id.ok) return id.response;
  const result = await cancelCampaign({ id: id.id });
  if (!result.ok) return apiError(result.code === "not_found" ? 404 : 409, result.message);
  return NextResponse.json(result.value);
}
