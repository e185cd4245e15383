"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guard";
import { cancelCampaignAs, cancelRunAs, rerunRunAs } from "@/lib/operations/runs";
import { boundIdSchema } from "@/lib/schemas/fields";
import { INVALID_REQUEST, refused, type ActionState } from "@/lib/schemas/action-state";

export async function cancelCampaignAction(campaignId: number, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("operator");
  if (!boundIdSchema.safeParse(campaignId).success) return refused(INVALID_REQUEST, {});
  const result = await cancelCampaignAs(principal, campaignId);
  if (!result.ok) return refused(result.message, {});
  revalidatePath(`/campaigns/${campaignId}`);
  return { ok: true };
}

export async function cancelRunAction(campaignId: number, runId: number, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("operator");
  if (!boundIdSchema.safeParse(campaignId).success || !boundIdSchema.safeParse(runId).success)
    return refused(INVALID_REQUEST, {});
  const result = await cancelRunAs(principal, runId);
  if (!result.ok) return refused(result.message, {});
  revalidatePath(`/campaigns/${campaignId}`);
  revalidatePath(`/runs/${runId}`);
  return { ok: true };
}

export async function rerunRunAction(campaignId: number, runId: number, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("operator");
  if (!boundIdSchema.safeParse(campaignId).success || !boundIdSchema.safeParse(runId).success)
    return refused(INVALID_REQUEST, {});
  const result = await rerunRunAs(principal, runId);
  if (!result.ok) return refused(result.message, {});
  revalidatePath(`/campaigns/${campaignId}`);
  revalidatePath(`/runs/${runId}`);
  return { ok: true };
}
