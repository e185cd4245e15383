"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createTestbed, deleteTestbed, updateTestbed } from "@/lib/db/testbeds";
import { createLink, deleteLink, listLinksWithMeasuredRuns, updateLink, updateLinkModels } from "@/lib/db/links";
import { getTestbed } from "@/lib/db/testbeds";
import { fitTestbedLinks } from "@/lib/model/fit-testbed";
import { testbedSchema } from "@/lib/schemas/testbed";
import { linkSchema } from "@/lib/schemas/link";
import { formDataToObject } from "@/lib/schemas/fields";
import { invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";

export async function createTestbedAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formDataToObject(formData);
  const parsed = testbedSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await createTestbed({ data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  revalidatePath("/testbeds");
  redirect(`/testbeds/${result.value.id}`);
}

export async function updateTestbedAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formDataToObject(formData);
  const parsed = testbedSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await updateTestbed({ id, data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  revalidatePath("/testbeds");
  redirect(`/testbeds/${id}`);
}

export async function deleteTestbedAction(id: number, _prev: ActionState): Promise<ActionState> {
  const result = await deleteTestbed({ id });
  if (!result.ok) return refused(result.message, {});
  revalidatePath("/testbeds");
  redirect("/testbeds");
}

export async function createLinkAction(testbedId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formDataToObject(formData);
  const parsed = linkSchema.safeParse({ ...values, testbedId });
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await createLink({ data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  revalidatePath(`/testbeds/${testbedId}`);
  return { ok: true, message: `Link "${parsed.data.name}" added.` };
}

export async function updateLinkAction(testbedId: number, linkId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formDataToObject(formData);
  const parsed = linkSchema.safeParse({ ...values, testbedId });
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await updateLink({ id: linkId, data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  revalidatePath(`/testbeds/${testbedId}`);
  redirect(`/testbeds/${testbedId}`);
}

export async function deleteLinkAction(testbedId: number, linkId: number, _prev: ActionState): Promise<ActionState> {
  const result = await deleteLink({ id: linkId });
  if (!result.ok) return refused(result.message, {});
  revalidatePath(`/testbeds/${testbedId}`);
  return { ok: true };
}

export async function applyModelFitAction(testbedId: number, _prev: ActionState): Promise<ActionState> {
  const testbed = await getTestbed({ id: testbedId });
  if (!testbed) return refused("This testbed no longer exists", {});
  const fits = fitTestbedLinks(await listLinksWithMeasuredRuns({ testbedId }), testbed.linkScale);
  if (!fits.length) return refused("No succeeded measured runs on this testbed yet: launch a campaign first", {});
  await updateLinkModels({ updates: fits.map(({ link, fit }) => ({ id: link.id, modelEfficiency: fit.efficiency, modelSetupMs: fit.setupMs })) });
  revalidatePath(`/testbeds/${testbedId}`);
  return { ok: true, message: `Model parameters of ${fits.length} link${fits.length === 1 ? "" : "s"} updated from measured runs.` };
}
