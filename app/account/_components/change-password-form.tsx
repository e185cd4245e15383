"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { PasswordField } from "@/components/ui/form-fields";
import { ActionForm } from "@/components/ui/action-form";
import { MIN_PASSWORD } from "@/lib/schemas/auth";

/** Current password, new password twice. */
export function ChangePasswordForm({
  action,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  return (
    <ActionForm
      action={action}
      submitLabel="Change password"
      pendingLabel="Changing…"
      label="Change password"
      className="grid max-w-md gap-4"
    >
      {(state) => (
        <>
          <PasswordField name="currentPassword" label="Current password" state={state} isNew={false} />
          <PasswordField
            name="newPassword"
            label="New password"
            state={state}
            isNew={true}
            hint={`At least ${MIN_PASSWORD} characters.`}
          />
          <PasswordField name="confirm" label="New password again" state={state} isNew={true} />
        </>
      )}
    </ActionForm>
  );
}
