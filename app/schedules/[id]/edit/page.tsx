import type { Metadata } from "next";
import { getSchedule } from "@/lib/db/schedules";
import { FormPage } from "@/components/ui/form-page";
import { ScheduleForm } from "@/components/schedules/schedule-form";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";
import { findFromParams, loadFromParams } from "@/lib/http/route-params";
import { updateScheduleAction } from "../../actions";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const schedule = await findFromParams(params, getSchedule);
  return { title: schedule ? `Edit ${schedule.name}` : "Schedule not found" };
}

export default async function EditSchedulePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("operator");
  const schedule = await loadFromParams(params, getSchedule);
  return (
    <FormPage
      title={`Edit ${schedule.name}`}
      breadcrumb={{ href: "/schedules", label: "Schedules" }}
      description={`Its name, times and pause; it keeps launching the same matrix on ${schedule.testbed.name}.`}
    >
      <ScheduleForm
        action={updateScheduleAction.bind(null, schedule.id)}
        initial={{ name: schedule.name, cron: schedule.cron, paused: schedule.paused }}
        label="Edit schedule"
        submitLabel="Save schedule"
        pendingLabel="Saving…"
      />
    </FormPage>
  );
}
