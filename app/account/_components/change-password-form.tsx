"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { NewPasswordFields, PasswordField } from "@/components/ui/form-fields";
import { ActionForm } from "@/components/ui/action-form";

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
          <NewPasswordFields state={state} name="newPassword" label="New password" confirmLabel="New password again" />
        </>
      )}
    </ActionForm>
  );
}
