import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { listCampaigns } from "@/lib/db/campaigns";
import { launchCampaign } from "@/lib/operations/campaigns";
import { campaignListQuerySchema, launchCampaignSchema } from "@/lib/schemas/campaign";
import { apiError, readJson, validationError } from "@/lib/http/api-responses";

/**
 * GET /api/campaigns?limit=&before=&verdict=: a page of campaigns, newest first, with run counts by
 * status and their verdict against their series' baselines → { items, next }; pass next as before
 * for the following page (null: no more). verdict=regression lists only regressions (and so on).
 */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const page = campaignListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!page.success) return validationError(page.error);
  const { limit, before, verdict } = page.data;
  return NextResponse.json(await listCampaigns({ take: limit ?? 50, before, verdict }));
}

/**
 * POST /api/campaigns: launch a campaign. Body: { name, testbedId, linkIds[], profileIds[],
 * iterations, timeScale? }. 201 with { campaign: { id, runCount, url } }; 400 with field errors.
 */
export async function POST(request: Request) {
  const allowed = await authorizeApi(request, "operator");
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = launchCampaignSchema.safeParse(body.body);
  if (!parsed.success) return validationError(parsed.error);
  const result = await launchCampaign(allowed.principal, parsed.data);
  if (!result.ok) return apiError(400, result.message, result.field ? { [result.field]: [result.message] } : undefined);
  const { id, runCount } = result.value;
  return NextResponse.json(
    { campaign: { id, runCount, url: `/campaigns/${id}` } },
    { status: 201, headers: { Location: `/api/campaigns/${id}` } },
  );
}
