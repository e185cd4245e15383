import { NextResponse } from "next/server";
import { listCampaigns } from "@/lib/db/campaigns";
import { launchCampaign } from "@/lib/operations/campaigns";
import { campaignListQuerySchema, launchCampaignSchema } from "@/lib/schemas/campaign";
import { apiError, openRoute } from "@/lib/http/api-responses";

/**
 * GET /api/campaigns?limit=&before=&verdict=&q=: a page of campaigns, newest first, with run counts by
 * status and their verdict against their series' baselines → { items, next }; pass next as before
 * for the following page (null: no more). verdict=regression lists only regressions (and so on);
 * q= only names containing it, whatever the case (at most 100 characters).
 */
export async function GET(request: Request) {
  const opened = await openRoute(request, "viewer", campaignListQuerySchema);
  if (!opened.ok) return opened.response;
  const { limit, before, verdict, q } = opened.data;
  return NextResponse.json(await listCampaigns({ take: limit ?? 50, before, verdict, nameContains: q }));
}

/**
 * POST /api/campaigns: launch a campaign. Body: { name, testbedId, linkIds[], profileIds[],
 * iterations, timeScale? }. 201 with { campaign: { id, runCount, url } }; 400 with field errors.
 */
export async function POST(request: Request) {
  const opened = await openRoute(request, "operator", launchCampaignSchema, { from: "json" });
  if (!opened.ok) return opened.response;
  const result = await launchCampaign(opened.principal, opened.data);
  if (!result.ok) return apiError(400, result.message, result.field ? { [result.field]: [result.message] } : undefined);
  const { id, runCount } = result.value;
  return NextResponse.json(
    { campaign: { id, runCount, url: `/campaigns/${id}` } },
    { status: 201, headers: { Location: `/api/campaigns/${id}` } },
  );
}
