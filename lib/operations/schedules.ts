import "server-only";
import { campaignNameOf, named } from "@/lib/db/audit-names";
import { createScheduleFromCampaign, deleteSchedule, setSchedulePaused, updateSchedule } from "@/lib/db/schedules";
import { audited } from "@/lib/auth/audit";
import { auditActorOf, type Principal } from "@/lib/auth/principal";
import type { ScheduleInput } from "@/lib/schemas/schedule";

/* Schedules, each change with its audit row. The caller has checked for an operator. */

export async function scheduleCampaignAs(principal: Principal, campaignId: number, data: ScheduleInput) {
  const campaign = named(await campaignNameOf(campaignId), campaignId);
  const result = await createScheduleFromCampaign({ campaignId, data, createdBy: auditActorOf(principal).actorLabel });
  return audited(principal, result, (value) => ({
    action: "schedule.create",
    targetType: "schedule",
    targetId: value.id,
    summary: `Scheduled “${data.name}” (${data.cron} UTC) from campaign ${campaign}`,
  }));
}

export async function updateScheduleAs(principal: Principal, id: number, data: ScheduleInput) {
  return audited(principal, await updateSchedule({ id, data }), (value) => ({
    action: "schedule.update",
    targetType: "schedule",
    targetId: id,
    summary: `Edited schedule “${value.name}”: ${value.cron} UTC${data.paused ? ", paused" : ""}`,
  }));
}

export async function pauseScheduleAs(principal: Principal, id: number, paused: boolean) {
  return audited(principal, await setSchedulePaused({ id, paused }), (value) => ({
    action: paused ? "schedule.pause" : "schedule.resume",
    targetType: "schedule",
    targetId: id,
    summary: `${paused ? "Paused" : "Resumed"} schedule “${value.name}”`,
  }));
}

export async function deleteScheduleAs(principal: Principal, id: number) {
  return audited(principal, await deleteSchedule({ id }), (value) => ({
    action: "schedule.delete",
    targetType: "schedule",
    targetId: id,
    summary: `Deleted schedule “${value.name}”`,
  }));
}
