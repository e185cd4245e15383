"use client";

import { ActionForm } from "@/components/ui/action-form";
import { InputField, SelectField } from "@/components/ui/form-fields";
import { WEBHOOK_EVENTS } from "@/lib/schemas/webhook";
import type { ActionState } from "@/lib/schemas/action-state";

/** Adds a webhook to a testbed: where to send, the secret that signs, which verdicts. */
export function WebhookForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Add webhook"
      pendingLabel="Adding…"
      label="Add a webhook"
      className="grid gap-3 sm:grid-cols-2"
      footerClassName="sm:col-span-2"
    >
      {(state) => (
        <>
          <div className="sm:col-span-2">
            <InputField
              name="url"
              label="URL"
              state={state}
              maxLength={2000}
              placeholder="https://hooks.lab.example/migbench"
              hint="Each verdict is POSTed here as JSON. Redirects are not followed."
            />
          </div>
          <InputField
            name="secretRef"
            label="Signing secret"
            state={state}
            maxLength={220}
            placeholder="env:MIGBENCH_SECRET_HOOK"
            hint="A reference (env:MIGBENCH_SECRET_… or file:<name> in the secrets directory), read only by the workers."
          />
          <SelectField
            name="events"
            label="Send"
            state={state}
            defaultValue="regressions"
            options={Object.entries(WEBHOOK_EVENTS).map(([value, label]) => ({ value, label }))}
          />
        </>
      )}
    </ActionForm>
  );
}
