import type { ActionState } from "@/lib/schemas/action-state";
import { ActionButton } from "./action-button";
import { ButtonLink } from "./button-link";

export type RowActionsProps = {
  editHref: string;
  deleteAction: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** The question asked before deleting, naming what goes. */
  confirmText: string;
};

/** Edit and Delete at the end of a table row (the delete says why when it is refused). */
export function RowActions({ editHref, deleteAction, confirmText }: RowActionsProps) {
  return (
    <div className="flex items-start justify-end gap-2">
      <ButtonLink href={editHref} variant="secondary">
        Edit
      </ButtonLink>
      <ActionButton
        variant="danger"
        pendingLabel="Deleting…"
        action={deleteAction}
        label="Delete"
        confirmText={confirmText}
      />
    </div>
  );
}
