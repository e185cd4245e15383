"use server";

import { cancelRunAs, rerunRunAs } from "@/lib/operations/runs";
import { idAction } from "@/lib/http/server-actions";
import type { ActionState } from "@/lib/schemas/action-state";

/* A run's actions, from its campaign's run table and from its own page. */

export async function cancelRunAction(campaignId: number, runId: number, _prev: ActionState): Promise<ActionState> {
  return idAction(
    "operator",
    [campaignId, runId],
    (me) => cancelRunAs(me, runId),
    () => [`/campaigns/${campaignId}`, `/runs/${runId}`],
  );
}

export async function rerunRunAction(campaignId: number, runId: number, _prev: ActionState): Promise<ActionState> {
  return idAction(
    "operator",
    [campaignId, runId],
    (me) => rerunRunAs(me, runId),
    () => [`/campaigns/${campaignId}`, `/runs/${runId}`],
  );
}
