"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createCampaignWithRuns } from "@/lib/db/campaigns";
import { launchCampaignSchema, launchFormToObject } from "@/lib/schemas/campaign";
import { invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";

export async function launchCampaignAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = launchFormToObject(formData);
  const parsed = launchCampaignSchema.safeParse(values);
  const echo = { ...values, linkIds: (values.linkIds as string[]).join(","), profileIds: (values.profileIds as string[]).join(",") };
  if (!parsed.success) return invalidInput(parsed.error, echo);
  const result = await createCampaignWithRuns({ data: parsed.data });
  if (!result.ok) return refused(result.message, echo, result.field);
  revalidatePath("/campaigns");
  redirect(`/campaigns/${result.value.id}`);
}
