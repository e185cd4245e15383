"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/guard";
import { launchCampaign } from "@/lib/operations/campaigns";
import { launchCampaignFormSchema, launchFormToObject } from "@/lib/schemas/campaign";
import { INVALID_REQUEST, invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";

export async function launchCampaignAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const principal = await requireRole("operator");
  const values = launchFormToObject(formData);
  if (!values) return refused(INVALID_REQUEST, {});
  const parsed = launchCampaignFormSchema.safeParse(values);
  const echo = {
    ...values,
    linkIds: (values.linkIds as string[]).join(","),
    profileIds: (values.profileIds as string[]).join(","),
  };
  if (!parsed.success) return invalidInput(parsed.error, echo);
  const result = await launchCampaign(principal, parsed.data);
  if (!result.ok) return refused(result.message, echo, result.field);
  revalidatePath("/campaigns");
  redirect(`/campaigns/${result.value.id}`);
}
