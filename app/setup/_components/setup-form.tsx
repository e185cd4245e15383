"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { EmailField, InputField, NewPasswordFields } from "@/components/ui/form-fields";
import { ActionForm } from "@/components/ui/action-form";

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
          <EmailField state={state} signIn />
          <InputField
            name="name"
            label="Name"
            autoComplete="name"
            state={state}
            maxLength={100}
            hint="Optional: how you appear in the audit log beside your email."
          />
          <NewPasswordFields state={state} />
        </>
      )}
    </ActionForm>
  );
}
