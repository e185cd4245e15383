"use client";

import { useActionState } from "react";
import { formKey, INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { FormMessage, InputField, SelectField, SubmitButton } from "@/components/ui/form-fields";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { MIN_PASSWORD } from "@/lib/schemas/auth";

/** Email, name, role and a first password. */
export function AddUserForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form
      key={formKey(state)}
      action={formAction}
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      aria-label="Add a user"
    >
      <InputField name="email" label="Email" type="email" state={state} maxLength={254} />
      <InputField name="name" label="Name" state={state} maxLength={100} hint="Optional." />
      <SelectField
        name="role"
        label="Role"
        state={state}
        defaultValue="viewer"
        options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
      />
      <InputField
        name="password"
        label="First password"
        type="password"
        autoComplete="new-password"
        state={state}
        maxLength={128}
        keepValue={false}
        hint={`At least ${MIN_PASSWORD} characters; pass it on, the user changes it under Account.`}
      />
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
      </div>
      <div className="sm:col-span-2">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
