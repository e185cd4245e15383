"use client";

import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxField, InputField } from "@/components/ui/form-fields";
import type { ActionState } from "@/lib/schemas/action-state";
import { cronInWords, nextFirings } from "@/lib/format/cron-words";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export type ScheduleFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** What the form starts with: a new schedule's suggested name, or the edited schedule's fields. */
  initial: { name: string; cron?: string; paused?: boolean };
  /** The form's accessible name. */
  label: string;
  submitLabel: string;
  pendingLabel: string;
};

/**
 * A schedule's fields, made from a campaign or edited on /schedules: its name, when it runs (cron, UTC) —
 * said in words with its next firings as it is typed — and whether it is paused.
 */
export function ScheduleForm({ action, initial, label, submitLabel, pendingLabel }: ScheduleFormProps) {
  const [typed, setTyped] = useState<string | null>(null);
  const cron = typed ?? initial.cron ?? "";
  const words = cron.trim() ? cronInWords(cron) : null;
  const next = words ? nextFirings(cron, 5) : [];
  return (
    <ActionForm
      action={action}
      submitLabel={submitLabel}
      pendingLabel={pendingLabel}
      label={label}
      className="grid gap-3 sm:grid-cols-2"
      footerClassName="sm:col-span-2"
    >
      {(state) => (
        <>
          <InputField name="name" label="Name" state={state} defaultValue={initial.name} />
          <div onInput={(e) => setTyped((e.target as HTMLInputElement).value)}>
            <InputField
              name="cron"
              label="When (cron, UTC)"
              state={state}
              defaultValue={initial.cron}
              maxLength={100}
              placeholder="0 3 * * 1-5"
              hint="minute hour day-of-month month day-of-week — 0 3 * * 1-5 is 03:00 UTC on weekdays"
            />
            {words ? (
              <p role="status" className="mt-1 text-xs text-slate-700">
                <span className="font-medium">{words}</span>
                {next.length ? <span className="block text-slate-500">next: {next.map(utc).join(" · ")}</span> : null}
              </p>
            ) : null}
          </div>
          <div className="sm:col-span-2">
            <CheckboxField
              name="paused"
              label="Paused"
              state={state}
              defaultChecked={initial.paused ?? false}
              hint="A paused schedule does not fire until it is resumed (from now on: missed times are not made up)."
            />
          </div>
        </>
      )}
    </ActionForm>
  );
}
