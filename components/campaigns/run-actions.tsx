import { ActionButton } from "@/components/ui/action-button";
import { isRerunnable } from "@/lib/model/vocabulary";
import type { ActionState } from "@/lib/schemas/action-state";

type BoundAction = (prev: ActionState) => Promise<ActionState>;

/**
 * What an operator can do with one run: cancel it while it is queued or running, re-run it once it
 * has ended without a result. Nothing for viewers. Used by a campaign's run table and a run's page,
 * each passing the run's actions (app/runs/actions.ts) bound to its ids.
 */
export function RunActions({
  run,
  canOperate,
  cancel,
  rerun,
  emphasis = false,
}: {
  run: { id: number; status: string; adapter: string };
  canOperate: boolean;
  cancel: BoundAction;
  rerun: BoundAction;
  /** The run's own page: a labelled, red cancel button. */
  emphasis?: boolean;
}) {
  if (!canOperate) return null;
  if (run.status === "queued" || run.status === "running") {
    return (
      <ActionButton
        action={cancel}
        label={emphasis ? "Cancel run" : "Cancel"}
        pendingLabel="Cancelling…"
        variant={emphasis ? "danger" : undefined}
      />
    );
  }
  if (!isRerunnable(run)) return null;
  return <ActionButton action={rerun} label="Re-run" pendingLabel="Queueing…" />;
}
