"use client";

import { useActionState } from "react";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { SubmitButton } from "./form-fields";

export type DeleteFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  confirmText: string;
};

/** A delete button that asks first and shows why a delete was refused. */
export function DeleteForm({ action, label, confirmText }: DeleteFormProps) {
  const [state, formAction] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(confirmText)) e.preventDefault();
      }}
      className="flex flex-col items-end gap-2"
    >
      <SubmitButton variant="danger" pendingLabel="Deleting…">
        {label}
      </SubmitButton>
      <div aria-live="polite">
        {state.ok === false ? (
          <p role="alert" className="max-w-md rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
