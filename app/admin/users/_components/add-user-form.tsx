"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { EmailField, InputField, PasswordField, SelectField } from "@/components/ui/form-fields";
import { ActionForm } from "@/components/ui/action-form";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { MIN_PASSWORD } from "@/lib/schemas/auth";

/** Email, name, role and a first password. */
export function AddUserForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Add user"
      pendingLabel="Adding…"
      label="Add a user"
      className="grid gap-4 sm:grid-cols-2"
      footerClassName="sm:col-span-2"
    >
      {(state) => (
        <>
          <EmailField state={state} />
          <InputField name="name" label="Name" state={state} maxLength={100} hint="Optional." />
          <SelectField
            name="role"
            label="Role"
            state={state}
            defaultValue="viewer"
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          <PasswordField
            name="password"
            label="First password"
            state={state}
            isNew={true}
            hint={`At least ${MIN_PASSWORD} characters; pass it on, the user changes it under Account.`}
          />
        </>
      )}
    </ActionForm>
  );
}
