"use client";

import { useActionState, useState } from "react";
import { formKey, INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { FormMessage, InputField, SelectField, SubmitButton } from "@/components/ui/form-fields";
import { BUTTON_CLASSES } from "@/components/ui/button-link";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import type { TokenState } from "../actions";

export type NewTokenFormProps = {
  action: (state: TokenState, formData: FormData) => Promise<TokenState>;
  roles: Role[];
};

/** Name, role (up to the user's own; viewer unless chosen) and expiry (90 days unless changed); shown once. */
export function NewTokenForm({ action, roles }: NewTokenFormProps) {
  const [state, formAction] = useActionState(action, INITIAL_ACTION_STATE as TokenState);
  const [copied, setCopied] = useState(false);
  const formState: ActionState = "token" in state ? { ok: true, message: state.message } : state;
  return (
    <div className="grid gap-4">
      <form
        key={formKey(formState)}
        action={formAction}
        noValidate
        className="grid gap-4 sm:grid-cols-3"
        aria-label="New API token"
      >
        <InputField name="name" label="Name" state={formState} maxLength={100} placeholder="e.g. nightly pipeline" />
        <SelectField
          name="role"
          label="Role"
          state={formState}
          // The least a token may do by default: a pipeline that only reads needs no more.
          defaultValue={roles[0]}
          options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
        <InputField
          name="expiresInDays"
          label="Expires after (days)"
          type="number"
          state={formState}
          defaultValue="90"
          hint="90 days unless you change it; blank: never (not advised)."
        />
        <div className="sm:col-span-3">
          <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
        </div>
      </form>
      <FormMessage state={formState} />
      {"token" in state ? (
        <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3">
          <p className="mb-2 text-sm text-emerald-900">Your new token (it will not be shown again):</p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="new-token" className="break-all rounded bg-white px-2 py-1 text-xs">
              {state.token}
            </code>
            <button
              type="button"
              className={BUTTON_CLASSES.secondary}
              onClick={async () => {
                await navigator.clipboard.writeText(state.token);
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
