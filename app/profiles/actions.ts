"use server";

import { named, profileNameOf } from "@/lib/db/audit-names";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createProfile, deleteProfile, updateProfile } from "@/lib/db/profiles";
import { vmProfileSchema } from "@/lib/schemas/profile";
import { refused, type ActionState } from "@/lib/schemas/action-state";
import { audit, audited } from "@/lib/auth/audit";
import type { SignedIn } from "@/lib/auth/guard";
import { idAction, readForm } from "@/lib/http/server-actions";

export async function createProfileAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const form = await readForm("operator", formData, vmProfileSchema);
  if (!form.ok) return form.state;
  const result = await createProfile({ data: form.data });
  if (!result.ok) return refused(result.message, form.values, result.field);
  await audit(form.principal, {
    action: "profile.create",
    targetType: "profile",
    targetId: result.value.id,
    summary: `Created VM profile “${form.data.name}”`,
  });
  revalidatePath("/profiles");
  redirect("/profiles");
}

export async function updateProfileAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const form = await readForm("operator", formData, vmProfileSchema, { ids: [id] });
  if (!form.ok) return form.state;
  const result = await updateProfile({ id, data: form.data });
  if (!result.ok) return refused(result.message, form.values, result.field);
  await audit(form.principal, {
    action: "profile.update",
    targetType: "profile",
    targetId: id,
    summary: `Edited VM profile “${form.data.name}”`,
  });
  revalidatePath("/profiles");
  redirect("/profiles");
}

export async function deleteProfileAction(id: number, _prev: ActionState): Promise<ActionState> {
  const change = async (me: SignedIn) => {
    const profile = named(await profileNameOf(id), id);
    return audited(me, await deleteProfile({ id }), () => ({
      action: "profile.delete",
      targetType: "profile",
      targetId: id,
      summary: `Deleted VM profile ${profile}`,
    }));
  };
  return idAction("operator", [id], change, ["/profiles"]);
}
