import "server-only";
import { audit, audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import { linkNameOf, named, testbedNameOf } from "@/lib/db/audit-names";
import { mapResult, type WriteResult } from "@/lib/db/errors";
import { createLink, deleteLink, listLinksWithMeasuredRuns, updateLink, updateLinkModels } from "@/lib/db/links";
import { getTestbed } from "@/lib/db/testbeds";
import { testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { fitTestbedLinks } from "@/lib/model/fit-testbed";
import type { LinkInput } from "@/lib/schemas/link";

/* A testbed's links and their model parameters, each change with its audit row. The caller has checked the role. */

export async function createLinkAs(
  principal: Principal,
  testbedId: number,
  data: LinkInput,
): Promise<WriteResult<{ id: number; name: string }>> {
  const testbed = named(await testbedNameOf(testbedId), testbedId);
  const result = mapResult(await createLink({ data }), (value) => ({ ...value, name: data.name }));
  return audited(principal, result, (value) => ({
    action: "link.create",
    targetType: "link",
    targetId: value.id,
    summary: `Added link “${data.name}” to testbed ${testbed}`,
  }));
}

export async function updateLinkAs(principal: Principal, testbedId: number, linkId: number, data: LinkInput) {
  const testbed = named(await testbedNameOf(testbedId), testbedId);
  return audited(principal, await updateLink({ id: linkId, data }), () => ({
    action: "link.update",
    targetType: "link",
    targetId: linkId,
    summary: `Edited link “${data.name}” of testbed ${testbed}`,
  }));
}

export async function deleteLinkAs(principal: Principal, testbedId: number, linkId: number) {
  const link = named(await linkNameOf(linkId), linkId);
  const testbed = named(await testbedNameOf(testbedId), testbedId);
  return audited(principal, await deleteLink({ id: linkId }), () => ({
    action: "link.delete",
    targetType: "link",
    targetId: linkId,
    summary: `Deleted link ${link} of testbed ${testbed}`,
  }));
}

/** Fits each link's model parameters to its measured runs and stores them; refused with nothing measured. */
export async function applyModelFitAs(
  principal: Principal,
  testbedId: number,
): Promise<WriteResult<{ links: number }>> {
  const testbed = await getTestbed({ id: testbedId });
  if (!testbed) return { ok: false, code: "not_found", message: "This testbed no longer exists" };
  const fits = fitTestbedLinks(
    await listLinksWithMeasuredRuns({ testbedId }),
    testbed.linkScale,
    testbedDowntimeLimitMs(testbed.hypervisor, testbed.connectionJson),
  );
  if (!fits.length)
    return { ok: false, message: "No succeeded measured runs on this testbed yet: launch a campaign first" };
  await updateLinkModels({
    updates: fits.map(({ link, fit }) => ({
      id: link.id,
      modelEfficiency: fit.efficiency,
      modelSetupMs: fit.setupMs,
      modelDirtyingRateFactor: fit.dirtyingFactor,
      modelWireOverhead: fit.wireOverhead,
      modelSwitchoverMs: fit.switchoverMs,
    })),
  });
  await audit(principal, {
    action: "link.model-fit",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Applied the fitted model to ${fits.length} link(s) of “${testbed.name}”`,
  });
  return { ok: true, value: { links: fits.length } };
}
