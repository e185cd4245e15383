import { markCampaignBaselineAs } from "@/lib/operations/series";
import { idOperationRoute } from "@/lib/http/api-responses";

/**
 * POST /api/campaigns/:id/baseline: make a finished campaign's succeeded runs the baseline of every
 * series (VM profile × link) it covers → { name, series, runs }; 409 while it runs or without results.
 */
export const POST = idOperationRoute("operator", "Campaign", markCampaignBaselineAs);
