"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createProfile, deleteProfile, updateProfile } from "@/lib/db/profiles";
import { vmProfileSchema } from "@/lib/schemas/profile";
import { formDataToObject } from "@/lib/schemas/fields";
import { INVALID_REQUEST, invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";
import { boundIdSchema } from "@/lib/schemas/fields";
import { requireRole } from "@/lib/auth/guard";
import { audit } from "@/lib/auth/audit";

export async function createProfileAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const principal = await requireRole("operator");
  const values = formDataToObject(formData);
  if (!values) return refused(INVALID_REQUEST, {});
  const parsed = vmProfileSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await createProfile({ data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  await audit(principal, {
    action: "profile.create",
    targetType: "profile",
    targetId: result.value.id,
    summary: `Created VM profile “${parsed.data.name}”`,
  });
  revalidatePath("/profiles");
  redirect("/profiles");
}

export async function updateProfileAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const principal = await requireRole("operator");
  const values = formDataToObject(formData);
  if (!values) return refused(INVALID_REQUEST, {});
  if (!boundIdSchema.safeParse(id).success) return refused(INVALID_REQUEST, values);
  const parsed = vmProfileSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await updateProfile({ id, data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  await audit(principal, {
    action: "profile.update",
    targetType: "profile",
    targetId: id,
    summary: `Edited VM profile “${parsed.data.name}”`,
  });
  revalidatePath("/profiles");
  redirect("/profiles");
}

export async function deleteProfileAction(id: number, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("operator");
  if (!boundIdSchema.safeParse(id).success) return refused(INVALID_REQUEST, {});
  const result = await deleteProfile({ id });
  if (!result.ok) return refused(result.message, {});
  await audit(principal, {
    action: "profile.delete",
    targetType: "profile",
    targetId: id,
    summary: `Deleted VM profile #${id}`,
  });
  revalidatePath("/profiles");
  return { ok: true };
}
