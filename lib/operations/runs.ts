import "server-only";
import { cancelRun, rerunRun } from "@/lib/db/run-life";
import { audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import { runLabelOf } from "@/lib/db/audit-names";
import { mapResult } from "@/lib/db/errors";
import { refreshCampaignStatus } from "./campaign-progress";

/*
 * A run's changes an operator makes, from a form or the JSON API, each with its audit row and the
 * campaign's status refreshed after it. The caller has already checked the principal's role.
 */

/** Cancels one run. */
export async function cancelRunAs(principal: Principal, id: number) {
  const run = await runLabelOf(id);
  const result = await cancelRun({ id });
  if (result.ok) await refreshCampaignStatus({ campaignId: result.value.campaignId });
  return audited(
    principal,
    mapResult(result, ({ campaignId: _campaign, ...value }) => value),
    (value) => ({
      action: "run.cancel",
      targetType: "run",
      targetId: id,
      summary: `Cancelled ${run} (${value.status})`,
    }),
  );
}

/** Queues a failed, cancelled or interrupted run again. */
export async function rerunRunAs(principal: Principal, id: number) {
  const run = await runLabelOf(id);
  const result = await rerunRun({ id });
  if (result.ok) await refreshCampaignStatus({ campaignId: result.value.campaignId });
  return audited(
    principal,
    mapResult(result, ({ campaignId: _campaign, ...value }) => value),
    (value) => ({
      action: "run.rerun",
      targetType: "run",
      targetId: id,
      summary: `Re-queued ${run} (attempt ${value.attempt})`,
    }),
  );
}
