"use client";

import { useActionState } from "react";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { SubmitButton } from "./form-fields";
import type { BUTTON_CLASSES } from "./button-link";

export type ActionButtonProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  pendingLabel?: string;
  /** Ask before acting (deletes, cancels). */
  confirmText?: string;
  variant?: keyof typeof BUTTON_CLASSES;
};

/** A one-button form for a server action; shows why the action was refused. */
export function ActionButton({
  action,
  label,
  pendingLabel = "Working…",
  confirmText,
  variant = "secondary",
}: ActionButtonProps) {
  const [state, formAction] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirmText && !window.confirm(confirmText)) e.preventDefault();
      }}
      className="flex flex-col items-end gap-2"
    >
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <div aria-live="polite">
        {state.ok === false ? (
          <p role="alert" className="max-w-md rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {state.message}
          </p>
        ) : state.ok === true && state.message ? (
          <p className="max-w-md rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">{state.message}</p>
        ) : null}
      </div>
    </form>
  );
}
