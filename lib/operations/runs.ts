import "server-only";
import { createCampaignWithRuns } from "@/lib/db/campaigns";
import { cancelCampaign, cancelRun, rerunRun } from "@/lib/db/run-control";
import { audit } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import type { LaunchCampaignInput } from "@/lib/schemas/campaign";

/*
 * The changes a form and the JSON API both make, each with its audit row, so the two ways in
 * cannot drift apart. The caller has already checked the principal's role.
 */

/** Launches a campaign: all its runs queued. */
export async function launchCampaign(principal: Principal, data: LaunchCampaignInput) {
  const result = await createCampaignWithRuns({ data });
  if (result.ok) {
    await audit(principal, {
      action: "campaign.launch",
      targetType: "campaign",
      targetId: result.value.id,
      summary: `Launched “${data.name}”: ${result.value.runCount} runs on testbed #${data.testbedId}`,
      details: {
        testbedId: data.testbedId,
        linkIds: data.linkIds,
        profileIds: data.profileIds,
        iterations: data.iterations,
      },
    });
  }
  return result;
}

/** Cancels a campaign's queued runs and stops its running ones. */
export async function cancelCampaignAs(principal: Principal, id: number) {
  const result = await cancelCampaign({ id });
  if (result.ok) {
    await audit(principal, {
      action: "campaign.cancel",
      targetType: "campaign",
      targetId: id,
      summary: `Cancelled campaign #${id}: ${result.value.cancelled} queued, ${result.value.stopping} stopping`,
      details: result.value,
    });
  }
  return result;
}

/** Cancels one run. */
export async function cancelRunAs(principal: Principal, id: number) {
  const result = await cancelRun({ id });
  if (result.ok)
    await audit(principal, {
      action: "run.cancel",
      targetType: "run",
      targetId: id,
      summary: `Cancelled run #${id} (${result.value.status})`,
    });
  return result;
}

/** Queues a failed, cancelled or interrupted run again. */
export async function rerunRunAs(principal: Principal, id: number) {
  const result = await rerunRun({ id });
  if (result.ok)
    await audit(principal, {
      action: "run.rerun",
      targetType: "run",
      targetId: id,
      summary: `Re-queued run #${id} (attempt ${result.value.attempt})`,
    });
  return result;
}
