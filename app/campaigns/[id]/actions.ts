"use server";

import { revalidatePath } from "next/cache";
import { cancelCampaign, cancelRun, rerunRun } from "@/lib/db/run-control";
import { refused, type ActionState } from "@/lib/schemas/action-state";

export async function cancelCampaignAction(campaignId: number, _prev: ActionState): Promise<ActionState> {
  const result = await cancelCampaign({ id: campaignId });
  if (!result.ok) return refused(result.message, {});
  revalidatePath(`/campaigns/${campaignId}`);
  return { ok: true };
}

export async function cancelRunAction(campaignId: number, runId: number, _prev: ActionState): Promise<ActionState> {
  const result = await cancelRun({ id: runId });
  if (!result.ok) return refused(result.message, {});
  revalidatePath(`/campaigns/${campaignId}`);
  revalidatePath(`/runs/${runId}`);
  return { ok: true };
}

export async function rerunRunAction(campaignId: number, runId: number, _prev: ActionState): Promise<ActionState> {
  const result = await rerunRun({ id: runId });
  if (!result.ok) return refused(result.message, {});
  revalidatePath(`/campaigns/${campaignId}`);
  revalidatePath(`/runs/${runId}`);
  return { ok: true };
}
