"use server";

import { linkNameOf, named, testbedNameOf } from "@/lib/db/audit-names";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createTestbed, deleteTestbed, getTestbed, updateTestbed } from "@/lib/db/testbeds";
import { createLink, deleteLink, listLinksWithMeasuredRuns, updateLink, updateLinkModels } from "@/lib/db/links";
import { fitTestbedLinks } from "@/lib/model/fit-testbed";
import { testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { testbedSchema } from "@/lib/schemas/testbed";
import { linkSchema } from "@/lib/schemas/link";
import { changedSettingKeys, storedConnectionSettings } from "@/lib/schemas/connection";
import { boundIdSchema } from "@/lib/schemas/fields";
import { INVALID_REQUEST, refused, type ActionState } from "@/lib/schemas/action-state";
import { requireRole, type SignedIn } from "@/lib/auth/guard";
import { audit, audited } from "@/lib/auth/audit";
import { idAction, readForm } from "@/lib/http/server-actions";
import { checkTestbedAs, testbedSecretProblems } from "@/lib/operations/testbeds";
import { setMinEffectAs } from "@/lib/operations/series";
import { addWebhookAs, pingWebhookAs, removeWebhookAs } from "@/lib/operations/webhooks";
import { webhookSchema } from "@/lib/schemas/webhook";
import { minEffectFormSchema } from "@/lib/schemas/series";
import type { CheckResult } from "@/lib/hypervisors/types";

export async function createTestbedAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const form = await readForm("admin", formData, testbedSchema);
  if (!form.ok) return form.state;
  const { principal, values, data } = form;
  const secrets = testbedSecretProblems(data);
  if (secrets.length) return refused(secrets.join("; "), values, "connectionJson");
  const result = await createTestbed({ data });
  if (!result.ok) return refused(result.message, values, result.field);
  await audit(principal, {
    action: "testbed.create",
    targetType: "testbed",
    targetId: result.value.id,
    summary: `Created testbed “${data.name}” (${data.hypervisor})`,
    details: { connectionKeys: Object.keys(storedConnectionSettings(data.connectionJson)).sort() },
  });
  revalidatePath("/testbeds");
  redirect(`/testbeds/${result.value.id}`);
}

export async function updateTestbedAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const form = await readForm("admin", formData, testbedSchema, { ids: [id] });
  if (!form.ok) return form.state;
  const { principal, values, data } = form;
  const before = await getTestbed({ id });
  if (!before) return refused("This testbed no longer exists", values);
  const secrets = testbedSecretProblems(data);
  if (secrets.length) return refused(secrets.join("; "), values, "connectionJson");
  const result = await updateTestbed({ id, data: data });
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
  ).filter((k) => before[k] !== data[k]);
  await audit(principal, {
    action: "testbed.update",
    targetType: "testbed",
    targetId: id,
    summary: `Edited testbed “${data.name}”`,
    details: {
      changedFields: fields,
      changedConnectionKeys: changedSettingKeys(
        storedConnectionSettings(before.connectionJson),
        storedConnectionSettings(data.connectionJson),
      ),
    },
  });
  revalidatePath("/testbeds");
  redirect(`/testbeds/${id}`);
}

export async function deleteTestbedAction(id: number, _prev: ActionState): Promise<ActionState> {
  const change = async (me: SignedIn) => {
    const before = await getTestbed({ id });
    return audited(me, await deleteTestbed({ id }), () => ({
      action: "testbed.delete",
      targetType: "testbed",
      targetId: id,
      summary: `Deleted testbed “${before?.name ?? id}” and its links`,
    }));
  };
  const state = await idAction("admin", [id], change, ["/testbeds"]);
  if (state.ok) redirect("/testbeds");
  return state;
}

export async function createLinkAction(
  testbedId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const form = await readForm("admin", formData, linkSchema, { ids: [testbedId], extra: { testbedId } });
  if (!form.ok) return form.state;
  const { principal, values, data } = form;
  const result = await createLink({ data: data });
  if (!result.ok) return refused(result.message, values, result.field);
  await audit(principal, {
    action: "link.create",
    targetType: "link",
    targetId: result.value.id,
    summary: `Added link “${data.name}” to testbed ${named(await testbedNameOf(testbedId), testbedId)}`,
  });
  revalidatePath(`/testbeds/${testbedId}`);
  return { ok: true, message: `Link "${data.name}" added.` };
}

export async function updateLinkAction(
  testbedId: number,
  linkId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const form = await readForm("admin", formData, linkSchema, { ids: [testbedId, linkId], extra: { testbedId } });
  if (!form.ok) return form.state;
  const { principal, values, data } = form;
  const result = await updateLink({ id: linkId, data: data });
  if (!result.ok) return refused(result.message, values, result.field);
  await audit(principal, {
    action: "link.update",
    targetType: "link",
    targetId: linkId,
    summary: `Edited link “${data.name}” of testbed ${named(await testbedNameOf(testbedId), testbedId)}`,
  });
  revalidatePath(`/testbeds/${testbedId}`);
  redirect(`/testbeds/${testbedId}`);
}

export async function deleteLinkAction(testbedId: number, linkId: number, _prev: ActionState): Promise<ActionState> {
  const change = async (me: SignedIn) => {
    const link = named(await linkNameOf(linkId), linkId);
    const testbed = named(await testbedNameOf(testbedId), testbedId);
    return audited(me, await deleteLink({ id: linkId }), () => ({
      action: "link.delete",
      targetType: "link",
      targetId: linkId,
      summary: `Deleted link ${link} of testbed ${testbed}`,
    }));
  };
  return idAction("admin", [testbedId, linkId], change, () => [`/testbeds/${testbedId}`]);
}

export async function applyModelFitAction(testbedId: number, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("admin");
  if (!boundIdSchema.safeParse(testbedId).success) return refused(INVALID_REQUEST, {});
  const testbed = await getTestbed({ id: testbedId });
  if (!testbed) return refused("This testbed no longer exists", {});
  const fits = fitTestbedLinks(
    await listLinksWithMeasuredRuns({ testbedId }),
    testbed.linkScale,
    testbedDowntimeLimitMs(testbed.hypervisor, testbed.connectionJson),
  );
  if (!fits.length) return refused("No succeeded measured runs on this testbed yet: launch a campaign first", {});
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
  const principal = await requireRole("operator");
  if (!boundIdSchema.safeParse(testbedId).success) return { ok: false, message: INVALID_REQUEST };
  const result = await checkTestbedAs(principal, testbedId);
  if (!result) return { ok: false, message: "This testbed no longer exists" };
  return { ok: true, check: result.check, checkedAt: new Date().toISOString() };
}

export async function setMinEffectAction(
  testbedId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const form = await readForm("operator", formData, minEffectFormSchema, { ids: [testbedId] });
  if (!form.ok) return form.state;
  const result = await setMinEffectAs(form.principal, testbedId, form.data.minEffectPct);
  if (!result.ok) return refused(result.message, form.values);
  revalidatePath(`/testbeds/${testbedId}`);
  return { ok: true, message: `Saved: changes under ${result.value.minEffectPct}% are not regressions` };
}

export async function createWebhookAction(
  testbedId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const form = await readForm("admin", formData, webhookSchema, { ids: [testbedId] });
  if (!form.ok) return form.state;
  const result = await addWebhookAs(form.principal, testbedId, form.data);
  if (!result.ok) return refused(result.message, form.values, result.field);
  revalidatePath(`/testbeds/${testbedId}`);
  return { ok: true, message: "Webhook added: verdicts of campaigns that finish from now on are sent to it" };
}

export async function deleteWebhookAction(
  testbedId: number,
  webhookId: number,
  _prev: ActionState,
): Promise<ActionState> {
  return idAction(
    "admin",
    [testbedId, webhookId],
    (me) => removeWebhookAs(me, testbedId, webhookId),
    () => [`/testbeds/${testbedId}`],
  );
}

export async function pingWebhookAction(
  testbedId: number,
  webhookId: number,
  _prev: ActionState,
): Promise<ActionState> {
  const state = await idAction(
    "admin",
    [testbedId, webhookId],
    (me) => pingWebhookAs(me, testbedId, webhookId),
    () => [`/testbeds/${testbedId}`],
  );
  return state.ok
    ? { ok: true, message: "Test message queued: a worker serving this testbed sends it within seconds" }
    : state;
}
