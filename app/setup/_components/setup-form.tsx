"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { InputField, PasswordField } from "@/components/ui/form-fields";
import { ActionForm } from "@/components/ui/action-form";
import { MIN_PASSWORD } from "@/lib/schemas/auth";

export type SetupFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  token: string;
};

/** The first admin's account. */
export function SetupForm({ action, token }: SetupFormProps) {
  return (
    <ActionForm action={action} submitLabel="Create the admin account" pendingLabel="Creating…" className="grid gap-4">
      {(state) => (
        <>
          <input type="hidden" name="token" value={token} />
          <InputField name="email" label="Email" type="email" autoComplete="username" state={state} maxLength={254} />
          <InputField
            name="name"
            label="Name"
            autoComplete="name"
            state={state}
            maxLength={100}
            hint="Optional: how you appear in the audit log beside your email."
          />
          <PasswordField
            name="password"
            label="Password"
            state={state}
            isNew={true}
            hint={`At least ${MIN_PASSWORD} characters.`}
          />
          <PasswordField name="confirm" label="Password again" state={state} isNew={true} />
        </>
      )}
    </ActionForm>
  );
}
