import "server-only";
import { createCampaignWithRuns, setCampaignPinned } from "@/lib/db/campaigns";
import { cancelCampaign, cancelRun, rerunRun } from "@/lib/db/run-state";
import { audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import type { LaunchCampaignInput } from "@/lib/schemas/campaign";
import { campaignNameOf, named, runLabelOf, testbedNameOf } from "@/lib/db/audit-names";

/*
 * The changes a form and the JSON API both make, each with its audit row, so the two ways in
 * cannot drift apart. The caller has already checked the principal's role.
 */

/** Launches a campaign: all its runs queued. */
export async function launchCampaign(principal: Principal, data: LaunchCampaignInput) {
  const result = await createCampaignWithRuns({ data });
  const testbed = named(await testbedNameOf(data.testbedId), data.testbedId);
  return audited(principal, result, (value) => ({
    action: "campaign.launch",
    targetType: "campaign",
    targetId: value.id,
    summary: `Launched “${data.name}”: ${value.runCount} runs on testbed ${testbed}`,
    details: {
      testbedId: data.testbedId,
      linkIds: data.linkIds,
      profileIds: data.profileIds,
      iterations: data.iterations,
    },
  }));
}

/** Cancels a campaign's queued runs and stops its running ones. */
export async function cancelCampaignAs(principal: Principal, id: number) {
  const campaign = named(await campaignNameOf(id), id);
  return audited(principal, await cancelCampaign({ id }), (value) => ({
    action: "campaign.cancel",
    targetType: "campaign",
    targetId: id,
    summary: `Cancelled campaign ${campaign}: ${value.cancelled} queued, ${value.stopping} stopping`,
    details: value,
  }));
}

/** Pins a campaign to the overview (or unpins it). */
export async function pinCampaignAs(principal: Principal, id: number, pinned: boolean) {
  return audited(principal, await setCampaignPinned({ id, pinned }), (value) => ({
    action: pinned ? "campaign.pin" : "campaign.unpin",
    targetType: "campaign",
    targetId: id,
    summary: `${pinned ? "Pinned" : "Unpinned"} “${value.name}” ${pinned ? "to" : "from"} the overview`,
    details: value,
  }));
}

/** Cancels one run. */
export async function cancelRunAs(principal: Principal, id: number) {
  const run = await runLabelOf(id);
  return audited(principal, await cancelRun({ id }), (value) => ({
    action: "run.cancel",
    targetType: "run",
    targetId: id,
    summary: `Cancelled ${run} (${value.status})`,
  }));
}

/** Queues a failed, cancelled or interrupted run again. */
export async function rerunRunAs(principal: Principal, id: number) {
  const run = await runLabelOf(id);
  const result = await rerunRun({ id });
  return audited(principal, result, (value) => ({
    action: "run.rerun",
    targetType: "run",
    targetId: id,
    summary: `Re-queued ${run} (attempt ${value.attempt})`,
  }));
}
