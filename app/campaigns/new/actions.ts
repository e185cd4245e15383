"use server";

import { launchCampaign } from "@/lib/operations/campaigns";
import { launchCampaignFormSchema, launchFormToObject } from "@/lib/schemas/campaign";
import type { ActionState } from "@/lib/schemas/action-state";
import { formAction } from "@/lib/http/server-actions";

export async function launchCampaignAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(
    "operator",
    formData,
    launchCampaignFormSchema,
    launchCampaign,
    { refresh: ["/campaigns"], redirectTo: (value) => `/campaigns/${value.id}` },
    // The links and profiles are repeated fields: read as lists (and echoed comma-joined).
    { read: launchFormToObject },
  );
}
