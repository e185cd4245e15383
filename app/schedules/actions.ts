"use server";

import { deleteScheduleAs, pauseScheduleAs, scheduleCampaignAs, updateScheduleAs } from "@/lib/operations/schedules";
import { formAction, idAction } from "@/lib/http/server-actions";
import type { ActionState } from "@/lib/schemas/action-state";
import { scheduleSchema } from "@/lib/schemas/schedule";

export async function scheduleCampaignAction(
  campaignId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  return formAction(
    "operator",
    formData,
    scheduleSchema,
    (me, data) => scheduleCampaignAs(me, campaignId, data),
    {
      refresh: ["/schedules"],
      message: ({ nextRunAt }) =>
        `Scheduled${nextRunAt ? `: first run ${nextRunAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}`,
    },
    { ids: [campaignId] },
  );
}

export async function updateScheduleAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(
    "operator",
    formData,
    scheduleSchema,
    (me, data) => updateScheduleAs(me, id, data),
    { refresh: ["/schedules"], redirectTo: () => "/schedules" },
    { ids: [id] },
  );
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
