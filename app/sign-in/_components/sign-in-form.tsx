"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { EmailField, PasswordField } from "@/components/ui/form-fields";
import { ActionForm } from "@/components/ui/action-form";

export type SignInFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  next: string;
};

/** Email and password; the password is never sent back after a refusal. */
export function SignInForm({ action, next }: SignInFormProps) {
  return (
    <ActionForm action={action} submitLabel="Sign in" pendingLabel="Signing in…" className="grid gap-4">
      {(state) => (
        <>
          <input type="hidden" name="next" value={next} />
          <EmailField state={state} signIn />
          <PasswordField name="password" label="Password" state={state} isNew={false} />
        </>
      )}
    </ActionForm>
  );
}
