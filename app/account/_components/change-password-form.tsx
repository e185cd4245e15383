"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { InputField } from "@/components/ui/form-fields";
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
          <InputField
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
            state={state}
            maxLength={128}
            keepValue={false}
          />
          <InputField
            name="newPassword"
            label="New password"
            type="password"
            autoComplete="new-password"
            state={state}
            maxLength={128}
            keepValue={false}
            hint={`At least ${MIN_PASSWORD} characters.`}
          />
          <InputField
            name="confirm"
            label="New password again"
            type="password"
            autoComplete="new-password"
            state={state}
            maxLength={128}
            keepValue={false}
          />
        </>
      )}
    </ActionForm>
  );
}
