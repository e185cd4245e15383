import "server-only";
import { getLinkPaths } from "@/lib/db/links";
import { concurrentSelectionProblem, sharedPathProblem } from "@/lib/hypervisors/link-paths";
import { createCampaignWithRuns, setCampaignPinned } from "@/lib/db/campaigns";
import { cancelCampaign } from "@/lib/db/run-life";
import { audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import type { LaunchCampaignInput } from "@/lib/schemas/campaign";
import { campaignNameOf, named, testbedNameOf } from "@/lib/db/audit-names";
import { refreshCampaignStatus } from "./campaign-progress";
import { getTestbedReadiness } from "@/lib/db/testbeds";
import { mapResult, type WriteResult } from "@/lib/db/errors";
import { unsupportedSettings } from "@/lib/hypervisors/common/capabilities";
import { settingsLabel } from "@/lib/model/migration-settings";

/*
 * A campaign's changes that a form and the JSON API both make, each with its audit row, so the two ways
 * in cannot drift apart. The caller has already checked the principal's role.
 */

type LaunchData = Parameters<typeof createCampaignWithRuns>[0]["data"];

/**
 * Queues a campaign's runs, unless a settings variant asks what its testbed's adapter cannot apply
 * (refused at the variants, naming the variant) or two of its links would migrate over one network path
 * (refused at the links, naming them and what to set). The launch form and the schedules launch through it.
 */
export async function launchCampaignRuns(
  data: LaunchData,
  firing?: { scheduleId: number; key: string },
): Promise<WriteResult<{ id: number; runCount: number }>> {
  const readiness = await getTestbedReadiness({ id: data.testbedId });
  if (!readiness) return { ok: false, message: "This testbed does not exist", field: "testbedId" };
  for (const [i, variant] of (data.variants ?? []).entries()) {
    const unsupported = unsupportedSettings(readiness.capabilities, variant);
    if (unsupported)
      return {
        ok: false,
        message: `Variant ${i + 1} (${settingsLabel(variant)}) cannot run on this testbed: ${unsupported}`,
        field: "variants",
      };
  }
  const paths = await getLinkPaths({ testbedId: data.testbedId, linkIds: data.linkIds });
  const shared =
    paths &&
    (sharedPathProblem(paths.hypervisor, paths.connectionJson, paths.links) ??
      concurrentSelectionProblem(paths.hypervisor, paths.maxConcurrentRuns, paths.links));
  if (shared) return { ok: false, message: shared, field: "linkIds" };
  return createCampaignWithRuns({ data, firing });
}

/** Launches a campaign: all its runs queued. */
export async function launchCampaign(principal: Principal, data: LaunchCampaignInput) {
  const result = await launchCampaignRuns(data);
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
  const result = await cancelCampaign({ id });
  if (result.ok) await refreshCampaignStatus({ campaignId: id });
  // The campaign it touched is refreshed here, not part of what callers answer.
  const counts = mapResult(result, ({ cancelled, stopping }) => ({ cancelled, stopping }));
  return audited(principal, counts, ({ cancelled, stopping }) => ({
    action: "campaign.cancel",
    targetType: "campaign",
    targetId: id,
    summary: `Cancelled campaign ${campaign}: ${cancelled} queued, ${stopping} stopping`,
    details: { cancelled, stopping },
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
