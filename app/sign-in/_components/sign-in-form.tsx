"use client";

import { useActionState } from "react";
import { formKey, INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { FormMessage, InputField, SubmitButton } from "@/components/ui/form-fields";

export type SignInFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  next: string;
};

/** Email and password; the password is never sent back after a refusal. */
export function SignInForm({ action, next }: SignInFormProps) {
  const [state, formAction] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form key={formKey(state)} action={formAction} noValidate className="grid gap-4">
      <input type="hidden" name="next" value={next} />
      <InputField name="email" label="Email" type="email" autoComplete="username" state={state} maxLength={254} />
      <InputField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        state={state}
        maxLength={128}
        keepValue={false}
      />
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
