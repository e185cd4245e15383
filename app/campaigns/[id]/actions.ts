"use server";

import { cancelCampaignAs, pinCampaignAs } from "@/lib/operations/campaigns";
import { markCampaignBaselineAs } from "@/lib/operations/series";
import { idAction } from "@/lib/http/server-actions";
import { INVALID_REQUEST, type ActionState } from "@/lib/schemas/action-state";

export async function cancelCampaignAction(campaignId: number, _prev: ActionState): Promise<ActionState> {
  return idAction(
    "operator",
    [campaignId],
    (me) => cancelCampaignAs(me, campaignId),
    () => [`/campaigns/${campaignId}`],
  );
}

export async function markBaselineAction(campaignId: number, _prev: ActionState): Promise<ActionState> {
  return idAction(
    "operator",
    [campaignId],
    (me) => markCampaignBaselineAs(me, campaignId),
    () => [`/campaigns/${campaignId}`, "/series"],
  );
}

export async function pinCampaignAction(campaignId: number, pinned: boolean, _prev: ActionState): Promise<ActionState> {
  return idAction(
    "operator",
    [campaignId],
    async (me) =>
      typeof pinned === "boolean" ? pinCampaignAs(me, campaignId, pinned) : { ok: false, message: INVALID_REQUEST },
    () => [`/campaigns/${campaignId}`, "/"],
  );
}
