"use client";

import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { InputField } from "@/components/ui/form-fields";
import type { ActionState } from "@/lib/schemas/action-state";
import { cronInWords, nextFirings } from "@/lib/format/cron-words";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Makes a schedule from this campaign: its name, and when it runs (cron, UTC) — said in words as it is typed. */
export function ScheduleForm({
  action,
  defaultName,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  defaultName: string;
}) {
  const [cron, setCron] = useState("");
  const words = cron.trim() ? cronInWords(cron) : null;
  const next = words ? nextFirings(cron, 5) : [];
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
          <div onInput={(e) => setCron((e.target as HTMLInputElement).value)}>
            <InputField
              name="cron"
              label="When (cron, UTC)"
              state={state}
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
        </>
      )}
    </ActionForm>
  );
}
