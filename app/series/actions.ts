"use server";

import { clearSeriesBaselineAs } from "@/lib/operations/series";
import { idAction } from "@/lib/http/server-actions";
import type { ActionState } from "@/lib/schemas/action-state";

export async function clearBaselineAction(linkId: number, profileId: number, _prev: ActionState): Promise<ActionState> {
  return idAction(
    "operator",
    [linkId, profileId],
    (me) => clearSeriesBaselineAs(me, { linkId, profileId }),
    () => [`/series/${linkId}/${profileId}`, "/series"],
  );
}
