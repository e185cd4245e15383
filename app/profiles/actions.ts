"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createProfile, deleteProfile, updateProfile } from "@/lib/db/profiles";
import { vmProfileSchema } from "@/lib/schemas/profile";
import { formDataToObject } from "@/lib/schemas/fields";
import { invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";

export async function createProfileAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formDataToObject(formData);
  const parsed = vmProfileSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await createProfile({ data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  revalidatePath("/profiles");
  redirect("/profiles");
}

export async function updateProfileAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formDataToObject(formData);
  const parsed = vmProfileSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  const result = await updateProfile({ id, data: parsed.data });
  if (!result.ok) return refused(result.message, values, result.field);
  revalidatePath("/profiles");
  redirect("/profiles");
}

export async function deleteProfileAction(id: number, _prev: ActionState): Promise<ActionState> {
  const result = await deleteProfile({ id });
  if (!result.ok) return refused(result.message, {});
  revalidatePath("/profiles");
  return { ok: true };
}
