"use client";

import { useActionState } from "react";
import { formKey, INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { FormMessage, InputField, SubmitButton } from "@/components/ui/form-fields";
import { MIN_PASSWORD } from "@/lib/schemas/auth";

/** Current password, new password twice. */
export function ChangePasswordForm({
  action,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, formAction] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form
      key={formKey(state)}
      action={formAction}
      noValidate
      className="grid max-w-md gap-4"
      aria-label="Change password"
    >
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
      <div>
        <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
