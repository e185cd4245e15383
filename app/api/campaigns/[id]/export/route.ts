import { authorizeApi } from "@/lib/auth/api-guard";
import { getCampaign } from "@/lib/db/campaigns";
import { iterateCampaignRunsForExport } from "@/lib/db/compare";
import { exportRow, exportStreamResponse, RUN_COLUMNS } from "@/lib/export/runs";
import { apiError, routeId } from "../../../_lib/http";

/** GET /api/campaigns/:id/export?format=csv|json: every run of the campaign with all metrics, streamed. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Campaign");
  if (!id.ok) return id.response;
  const campaign = await getCampaign({ id: id.id });
  if (!campaign) return apiError(404, `Campaign #${id.id} not found`);
  async function* rows() {
    for await (const { runs, campaign, links, profiles } of iterateCampaignRunsForExport({
      campaignId: id.ok ? id.id : 0,
    })) {
      yield runs.map((r) => exportRow(r, campaign, links.get(r.linkId)!, profiles.get(r.profileId)!));
    }
  }
  return exportStreamResponse(
    rows(),
    RUN_COLUMNS,
    new URL(request.url).searchParams.get("format"),
    `migbench-campaign-${id.id}`,
  );
}
