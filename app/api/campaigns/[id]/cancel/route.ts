import { cancelCampaignAs } from "@/lib/operations/campaigns";
import { idOperationRoute } from "@/lib/http/api-responses";

/** POST /api/campaigns/:id/cancel: cancel queued runs, stop running ones. */
export const POST = idOperationRoute("operator", "Campaign", cancelCampaignAs);
