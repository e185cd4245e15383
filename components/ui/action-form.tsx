"use client";

import { useActionState, type ReactNode } from "react";
import { formKey, INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { FormMessage, SubmitButton } from "./form-fields";
import type { BUTTON_CLASSES } from "./button-link";

export type ActionFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
  pendingLabel?: string;
  /** The form's accessible name. */
  label?: string;
  /** Layout of the form (grid columns, width). */
  className?: string;
  /** Extra classes of the row holding the submit button and the message (e.g. "sm:col-span-2"). */
  footerClassName?: string;
  /** Ask before sending (deletes, cancels). */
  confirmText?: string;
  variant?: keyof typeof BUTTON_CLASSES;
  /** "row": button and message side by side (forms); "stack": message under the button (lone buttons). */
  layout?: "row" | "stack";
  /** The fields, given the last answer of the action (field errors, values sent). */
  children: (state: ActionState) => ReactNode;
};

/**
 * The shell of every form that calls a server action: the action's state, a fresh form after each
 * answer (so fields show what was sent), no browser validation (the shared schema answers), and a
 * footer with the submit button and the form-level message.
 */
export function ActionForm({
  action,
  submitLabel,
  pendingLabel,
  label,
  className = "grid gap-4",
  footerClassName = "",
  confirmText,
  variant,
  layout = "row",
  children,
}: ActionFormProps) {
  const [state, formAction] = useActionState(action, INITIAL_ACTION_STATE);
  // Stacked, the message adds its own margin: an empty message takes no room beside other buttons.
  const footer = layout === "row" ? "flex flex-wrap items-center gap-3" : "flex flex-col items-end";
  return (
    <form
      key={formKey(state)}
      action={formAction}
      onSubmit={(e) => {
        if (confirmText && !window.confirm(confirmText)) e.preventDefault();
      }}
      noValidate
      className={className}
      aria-label={label}
    >
      {children(state)}
      <div className={`${footer} ${footerClassName}`.trim()}>
        <SubmitButton pendingLabel={pendingLabel} variant={variant}>
          {submitLabel}
        </SubmitButton>
        <FormMessage state={state} className={layout === "stack" ? "mt-2 max-w-md" : ""} />
      </div>
    </form>
  );
}
