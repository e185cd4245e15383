"use client";

import { ActionForm } from "@/components/ui/action-form";
import { InputField } from "@/components/ui/form-fields";
import type { ActionState } from "@/lib/schemas/action-state";

/** Makes a schedule from this campaign: its name, and when it runs (cron, UTC). */
export function ScheduleForm({
  action,
  defaultName,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  defaultName: string;
}) {
  return (
    <ActionForm
      action={action}
      submitLabel="Schedule"
      pendingLabel="Scheduling…"
      label="Run on a schedule"
      className="grid gap-3 sm:grid-cols-2"
      footerClassName="sm:col-span-2"
    >
      {(state) => (
        <>
          <InputField name="name" label="Name" state={state} defaultValue={defaultName} />
          <InputField
            name="cron"
            label="When (cron, UTC)"
            state={state}
            maxLength={100}
            placeholder="0 3 * * 1-5"
            hint="minute hour day-of-month month day-of-week — 0 3 * * 1-5 is 03:00 UTC on weekdays"
          />
        </>
      )}
    </ActionForm>
  );
}
