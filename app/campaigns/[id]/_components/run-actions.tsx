import { ActionButton } from "@/components/ui/action-button";
import { isRerunnable } from "@/lib/model/vocabulary";
import { cancelRunAction, rerunRunAction } from "../actions";

/**
 * What an operator can do with one run: cancel it while it is queued or running, re-run it once it
 * has ended without a result. Nothing for viewers. Used by a campaign's run table and a run's page.
 */
export function RunActions({
  campaignId,
  run,
  canOperate,
  emphasis = false,
}: {
  campaignId: number;
  run: { id: number; status: string; adapter: string };
  canOperate: boolean;
  /** The run's own page: a labelled, red cancel button. */
  emphasis?: boolean;
}) {
  if (!canOperate) return null;
  if (run.status === "queued" || run.status === "running") {
    return (
      <ActionButton
        action={cancelRunAction.bind(null, campaignId, run.id)}
        label={emphasis ? "Cancel run" : "Cancel"}
        pendingLabel="Cancelling…"
        variant={emphasis ? "danger" : undefined}
      />
    );
  }
  if (!isRerunnable(run)) return null;
  return (
    <ActionButton action={rerunRunAction.bind(null, campaignId, run.id)} label="Re-run" pendingLabel="Queueing…" />
  );
}
