"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import type { BUTTON_CLASSES } from "./button-link";
import { ActionForm } from "./action-form";

/** A one-button form for a server action (delete, cancel, re-run); shows why the action was refused. */
export function ActionButton({
  action,
  label,
  pendingLabel = "Working…",
  confirmText,
  variant = "secondary",
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  pendingLabel?: string;
  /** Ask before acting (deletes, cancels). */
  confirmText?: string;
  variant?: keyof typeof BUTTON_CLASSES;
}) {
  return (
    <ActionForm
      {...{ action, pendingLabel, confirmText, variant }}
      submitLabel={label}
      layout="stack"
      className="flex flex-col items-end"
    >
      {() => null}
    </ActionForm>
  );
}
