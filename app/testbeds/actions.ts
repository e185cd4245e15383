"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createTestbed, deleteTestbed, getTestbed, updateTestbed } from "@/lib/db/testbeds";
import { createLink, deleteLink, listLinksWithMeasuredRuns, updateLink, updateLinkModels } from "@/lib/db/links";
import { fitTestbedLinks } from "@/lib/model/fit-testbed";
import { testbedSchema } from "@/lib/schemas/testbed";
import { linkSchema } from "@/lib/schemas/link";
import { changedSettingKeys } from "@/lib/schemas/connection";
import { boundIdSchema, formDataToObject } from "@/lib/schemas/fields";
import { INVALID_REQUEST, invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";
import { requireRole } from "@/lib/auth/guard";
import { audit } from "@/lib/auth/audit";
import { checkTestbed } from "@/lib/operations/testbeds";
import type { CheckResult } from "@/lib/hypervisors/types";

function settingsOf(json: string): Record<string, unknown> {
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function createTestbedAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const principal = await requireRole("admin");
  const values = formDataToObject(formData);
  if (!values) return refused(INVALID_REQUEST, {});
  const parsed = testbedSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await createTestbed({ data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  await audit(principal, {
    action: "testbed.create",
    targetType: "testbed",
    targetId: result.value.id,
    summary: `Created testbed “${parsed.data.name}” (${parsed.data.hypervisor})`,
    details: { connectionKeys: Object.keys(settingsOf(parsed.data.connectionJson)).sort() },
  });
  revalidatePath("/testbeds");
  redirect(`/testbeds/${result.value.id}`);
}

export async function updateTestbedAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const principal = await requireRole("admin");
  const values = formDataToObject(formData);
  if (!values) return refused(INVALID_REQUEST, {});
  if (!boundIdSchema.safeParse(id).success) return refused(INVALID_REQUEST, values);
  const parsed = testbedSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  const before = await getTestbed({ id });
  if (!before) return refused("This testbed no longer exists", values);
  const result = await updateTestbed({ id, data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  const fields = (
    [
      "name",
      "hypervisor",
      "sourceHost",
      "destinationHost",
      "hostMemoryBytes",
      "linkScale",
      "maxConcurrentRuns",
      "notes",
    ] as const
  ).filter((k) => before[k] !== parsed.data[k]);
  await audit(principal, {
    action: "testbed.update",
    targetType: "testbed",
    targetId: id,
    summary: `Edited testbed “${parsed.data.name}”`,
    details: {
      changedFields: fields,
      changedConnectionKeys: changedSettingKeys(
        settingsOf(before.connectionJson),
        settingsOf(parsed.data.connectionJson),
      ),
    },
  });
  revalidatePath("/testbeds");
  redirect(`/testbeds/${id}`);
}

export async function deleteTestbedAction(id: number, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("admin");
  if (!boundIdSchema.safeParse(id).success) return refused(INVALID_REQUEST, {});
  const before = await getTestbed({ id });
  const result = await deleteTestbed({ id });
  if (!result.ok) return refused(result.message, {});
  await audit(principal, {
    action: "testbed.delete",
    targetType: "testbed",
    targetId: id,
    summary: `Deleted testbed “${before?.name ?? id}” and its links`,
  });
  revalidatePath("/testbeds");
  redirect("/testbeds");
}

export async function createLinkAction(
  testbedId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const principal = await requireRole("admin");
  const values = formDataToObject(formData);
  if (!values) return refused(INVALID_REQUEST, {});
  if (!boundIdSchema.safeParse(testbedId).success) return refused(INVALID_REQUEST, values);
  const parsed = linkSchema.safeParse({ ...values, testbedId });
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await createLink({ data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  await audit(principal, {
    action: "link.create",
    targetType: "link",
    targetId: result.value.id,
    summary: `Added link “${parsed.data.name}” to testbed #${testbedId}`,
  });
  revalidatePath(`/testbeds/${testbedId}`);
  return { ok: true, message: `Link "${parsed.data.name}" added.` };
}

export async function updateLinkAction(
  testbedId: number,
  linkId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const principal = await requireRole("admin");
  const values = formDataToObject(formData);
  if (!values) return refused(INVALID_REQUEST, {});
  if (!boundIdSchema.safeParse(testbedId).success || !boundIdSchema.safeParse(linkId).success)
    return refused(INVALID_REQUEST, values);
  const parsed = linkSchema.safeParse({ ...values, testbedId });
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await updateLink({ id: linkId, data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  await audit(principal, {
    action: "link.update",
    targetType: "link",
    targetId: linkId,
    summary: `Edited link “${parsed.data.name}” of testbed #${testbedId}`,
  });
  revalidatePath(`/testbeds/${testbedId}`);
  redirect(`/testbeds/${testbedId}`);
}

export async function deleteLinkAction(testbedId: number, linkId: number, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("admin");
  if (!boundIdSchema.safeParse(testbedId).success || !boundIdSchema.safeParse(linkId).success)
    return refused(INVALID_REQUEST, {});
  const result = await deleteLink({ id: linkId });
  if (!result.ok) return refused(result.message, {});
  await audit(principal, {
    action: "link.delete",
    targetType: "link",
    targetId: linkId,
    summary: `Deleted link #${linkId} of testbed #${testbedId}`,
  });
  revalidatePath(`/testbeds/${testbedId}`);
  return { ok: true };
}

export async function applyModelFitAction(testbedId: number, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("admin");
  if (!boundIdSchema.safeParse(testbedId).success) return refused(INVALID_REQUEST, {});
  const testbed = await getTestbed({ id: testbedId });
  if (!testbed) return refused("This testbed no longer exists", {});
  const fits = fitTestbedLinks(await listLinksWithMeasuredRuns({ testbedId }), testbed.linkScale);
  if (!fits.length) return refused("No succeeded measured runs on this testbed yet: launch a campaign first", {});
  await updateLinkModels({
    updates: fits.map(({ link, fit }) => ({ id: link.id, modelEfficiency: fit.efficiency, modelSetupMs: fit.setupMs })),
  });
  await audit(principal, {
    action: "link.model-fit",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Applied the fitted model to ${fits.length} link(s) of “${testbed.name}”`,
  });
  revalidatePath(`/testbeds/${testbedId}`);
  return {
    ok: true,
    message: `Model parameters of ${fits.length} link${fits.length === 1 ? "" : "s"} updated from measured runs.`,
  };
}

export type CheckState =
  { ok: null } | { ok: true; check: CheckResult | null; checkedAt: string } | { ok: false; message: string };

/** The testbed's adapter check, when an operator presses Check now (never while a page renders). */
export async function checkTestbedAction(testbedId: number, _prev: CheckState): Promise<CheckState> {
  await requireRole("operator");
  if (!boundIdSchema.safeParse(testbedId).success) return { ok: false, message: INVALID_REQUEST };
  const result = await checkTestbed(testbedId);
  if (!result) return { ok: false, message: "This testbed no longer exists" };
  return { ok: true, check: result.check, checkedAt: new Date().toISOString() };
}
