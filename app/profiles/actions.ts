"use server";

import { vmProfileSchema } from "@/lib/schemas/profile";
import type { ActionState } from "@/lib/schemas/action-state";
import { formAction, idAction } from "@/lib/http/server-actions";
import { createProfileAs, deleteProfileAs, updateProfileAs } from "@/lib/operations/profiles";

const TO_PROFILES = { refresh: ["/profiles"], redirectTo: () => "/profiles" };

export async function createProfileAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction("operator", formData, vmProfileSchema, createProfileAs, TO_PROFILES);
}

export async function updateProfileAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction("operator", formData, vmProfileSchema, (me, data) => updateProfileAs(me, id, data), TO_PROFILES, {
    ids: [id],
  });
}

export async function deleteProfileAction(id: number, _prev: ActionState): Promise<ActionState> {
  return idAction("operator", [id], (me) => deleteProfileAs(me, id), ["/profiles"]);
}
