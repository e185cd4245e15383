import "server-only";
import { audit, audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import { linkNameOf, named, testbedNameOf } from "@/lib/db/audit-names";
import { mapResult, type WriteResult } from "@/lib/db/errors";
import {
  countUnfinishedRuns,
  createLink,
  deleteLink,
  getLink,
  listLinksWithMeasuredRuns,
  updateLink,
  storeTestbedModel,
} from "@/lib/db/links";
import { getTestbed } from "@/lib/db/testbeds";
import { testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { fitTestbed } from "@/lib/model/fit-testbed";
import { mean } from "simple-statistics";
import type { LinkInput } from "@/lib/schemas/link";
import { linkPathKeys, parseLinkPath, pathFieldName, storedLinkPath, type LinkPath } from "@/lib/schemas/link-path";
import { changedSettingKeys } from "@/lib/schemas/connection";
import { getTestbedKind } from "@/lib/db/testbeds";

/* A testbed's links and their model parameters, each change with its audit row. The caller has checked the role. */

/**
 * The link's path settings checked against its testbed's kind and written back from their checked parts;
 * a refusal names the form field of the first problem.
 */
async function checkedPath(
  testbedId: number,
  data: LinkInput,
): Promise<
  { ok: true; data: LinkInput; path: LinkPath } | { ok: false; message: string; field?: string; code?: "not_found" }
> {
  const kind = await getTestbedKind({ id: testbedId });
  if (!kind) return { ok: false, code: "not_found", message: "The testbed for this link no longer exists" };
  const parsed = parseLinkPath(kind, storedLinkPath(data.pathJson));
  if (!parsed.ok) {
    // A problem of a key this kind's form shows sits under that field; any other is said for the whole form.
    const shown = new Set<string>(linkPathKeys(kind));
    const first = parsed.problems.find((p) => shown.has(p.key));
    return {
      ok: false,
      message: parsed.problems.map((p) => p.message).join("; "),
      field: first ? pathFieldName(first.key as keyof LinkPath) : undefined,
    };
  }
  return { ok: true, data: { ...data, pathJson: JSON.stringify(parsed.path) }, path: parsed.path };
}

/** The audit log's words for path settings: the keys set or changed, never their values. */
function pathKeysText(keys: string[]): string {
  return keys.length ? `; path settings ${keys.join(", ")}` : "";
}

export async function createLinkAs(
  principal: Principal,
  testbedId: number,
  input: LinkInput,
): Promise<WriteResult<{ id: number; name: string }>> {
  const checked = await checkedPath(testbedId, input);
  if (!checked.ok) return checked;
  const { data } = checked;
  const testbed = named(await testbedNameOf(testbedId), testbedId);
  const result = mapResult(await createLink({ data }), (value) => ({ ...value, name: data.name }));
  return audited(principal, result, (value) => ({
    action: "link.create",
    targetType: "link",
    targetId: value.id,
    summary: `Added link “${data.name}” to testbed ${testbed}${pathKeysText(Object.keys(checked.path).sort())}`,
  }));
}

export async function updateLinkAs(principal: Principal, testbedId: number, linkId: number, input: LinkInput) {
  const checked = await checkedPath(testbedId, input);
  if (!checked.ok) return checked;
  const { data } = checked;
  const before = await getLink({ id: linkId });
  if (!before || before.testbedId !== testbedId)
    return { ok: false as const, code: "not_found" as const, message: "This link no longer exists" };
  const changed = changedSettingKeys({ ...storedLinkPath(before.pathJson) }, { ...checked.path });
  // Queued runs read the link's path when they start: a new path now would split one campaign over two paths.
  const waiting = changed.length ? await countUnfinishedRuns({ linkId }) : 0;
  if (waiting)
    return {
      ok: false as const,
      message: `${waiting} run${waiting === 1 ? " is" : "s are"} queued or running over this link: change its path once ${waiting === 1 ? "it has" : "they have"} finished or been cancelled`,
      field: pathFieldName(changed[0] as keyof LinkPath),
    };
  const testbed = named(await testbedNameOf(testbedId), testbedId);
  return audited(principal, await updateLink({ id: linkId, data }), () => ({
    action: "link.update",
    targetType: "link",
    targetId: linkId,
    summary: `Edited link “${data.name}” of testbed ${testbed}${pathKeysText(changed)}`,
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
  const fit = fitTestbed(
    await listLinksWithMeasuredRuns({ testbedId }),
    testbed.linkScale,
    testbedDowntimeLimitMs(testbed.hypervisor, testbed.connectionJson),
  );
  if (!fit.links.length)
    return {
      ok: false,
      message:
        "No succeeded plain pre-copy runs on this testbed yet: launch a campaign with the default settings first",
    };
  await storeTestbedModel({
    testbedId,
    host: {
      modelDirtyingRateFactor: fit.host.dirtyingFactor,
      modelWireOverhead: fit.host.wireOverhead,
      modelSwitchoverMs: fit.host.switchoverMs,
      modelDirtyRateFidelity: fit.host.dirtyRateFidelity,
    },
    // Every link: a tested one its own fit, an untested one the tested links' mean (the same hosts drive it).
    links: [
      ...fit.links.map(({ link, fit }) => ({
        id: link.id,
        modelEfficiency: fit.efficiency,
        modelSetupMs: fit.setupMs,
      })),
      ...fit.untested.map(({ id }) => ({
        id,
        modelEfficiency: mean(fit.links.map((l) => l.fit.efficiency)),
        modelSetupMs: mean(fit.links.map((l) => l.fit.setupMs)),
      })),
    ],
  });
  const inherit = fit.untested.length
    ? `; ${fit.untested.length} untested link(s) take the tested links' mean efficiency and its host parameters`
    : "";
  await audit(principal, {
    action: "link.model-fit",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Applied the fitted model to ${fit.links.length} link(s) of “${testbed.name}”${inherit}`,
  });
  return { ok: true, value: { links: fit.links.length } };
}
