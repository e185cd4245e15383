"use server";

import { revalidatePath } from "next/cache";
import { deleteScheduleAs, pauseScheduleAs, scheduleCampaignAs } from "@/lib/operations/schedules";
import { idAction, readForm } from "@/lib/http/server-actions";
import { refused, type ActionState } from "@/lib/schemas/action-state";
import { scheduleSchema } from "@/lib/schemas/schedule";

export async function scheduleCampaignAction(
  campaignId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const form = await readForm("operator", formData, scheduleSchema, { ids: [campaignId] });
  if (!form.ok) return form.state;
  const result = await scheduleCampaignAs(form.principal, campaignId, form.data);
  if (!result.ok) return refused(result.message, form.values);
  revalidatePath("/schedules");
  const next = result.value.nextRunAt;
  return {
    ok: true,
    message: `Scheduled${next ? `: first run ${next.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}`,
  };
}

export async function pauseScheduleAction(id: number, _prev: ActionState): Promise<ActionState> {
  return idAction("operator", [id], (me) => pauseScheduleAs(me, id, true), ["/schedules"]);
}

export async function resumeScheduleAction(id: number, _prev: ActionState): Promise<ActionState> {
  return idAction("operator", [id], (me) => pauseScheduleAs(me, id, false), ["/schedules"]);
}

export async function deleteScheduleAction(id: number, _prev: ActionState): Promise<ActionState> {
  return idAction("operator", [id], (me) => deleteScheduleAs(me, id), ["/schedules"]);
}
