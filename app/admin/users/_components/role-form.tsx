"use client";

import { useActionState } from "react";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { SubmitButton } from "@/components/ui/form-fields";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";

/** A role menu and a Save button for one user; says why a change was refused. */
export function RoleForm({
  action,
  role,
  email,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  role: string;
  email: string;
}) {
  const [state, formAction] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <select
        name="role"
        defaultValue={role}
        aria-label={`Role of ${email}`}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save role
      </SubmitButton>
      <span aria-live="polite" className={`text-xs ${state.ok === false ? "text-red-700" : "text-emerald-700"}`}>
        {state.ok === false ? (state.fieldErrors.role?.[0] ?? state.message) : state.ok === true ? state.message : null}
      </span>
    </form>
  );
}
