import { getCampaign } from "@/lib/db/campaigns";
import { iterateCampaignRunsForExport } from "@/lib/db/export-runs";
import { exportRow, exportStreamResponse, RUN_COLUMNS } from "@/lib/export/runs";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";

/** GET /api/campaigns/:id/export?format=csv|json: every run of the campaign with all metrics, streamed. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "viewer", "Campaign");
  if (!route.ok) return route.response;
  const campaign = await getCampaign({ id: route.id });
  if (!campaign) return apiError(404, `Campaign #${route.id} not found`);
  const campaignId = route.id;
  async function* rows() {
    for await (const { runs, campaign, links, profiles } of iterateCampaignRunsForExport({ campaignId })) {
      yield runs.map((r) => exportRow(r, campaign, links.get(r.linkId)!, profiles.get(r.profileId)!));
    }
  }
  return exportStreamResponse(
    rows(),
    RUN_COLUMNS,
    new URL(request.url).searchParams.get("format"),
    `migbench-campaign-${route.id}`,
  );
}
