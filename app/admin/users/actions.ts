"use server";

import { z } from "zod";
import { Bound, formAction, idAction } from "@/lib/http/server-actions";
import { revokeTokenAs } from "@/lib/operations/tokens";
import { addUserAs, setUserDisabledAs, setUserRoleAs } from "@/lib/operations/users";
import { formDataToObject } from "@/lib/schemas/fields";
import { newUserSchema, roleField, userIdField } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";

/** An admin adds an account with a first password (to pass on; the user changes it). */
export async function addUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(
    "admin",
    formData,
    newUserSchema,
    addUserAs,
    {
      refresh: ["/admin/users"],
      message: ({ email, role }) => `${email} can now sign in as ${role}.`,
    },
    {
      // A blank name is no name.
      read: (data) => {
        const values = formDataToObject(data);
        return values && { ...values, name: values.name || undefined };
      },
      secretFields: ["password", "confirm"],
    },
  );
}

const roleFormSchema = z.object({ role: roleField });

/** Changes a user's role (never leaving no enabled admin). */
export async function setUserRoleAction(userId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(
    "admin",
    formData,
    roleFormSchema,
    (me, { role }) => setUserRoleAs(me, userId, role),
    { refresh: ["/admin/users"], message: ({ email, to }) => `${email} is now ${to}.` },
    { ids: [new Bound(userId, userIdField)] },
  );
}

/** Disables (signed out everywhere, sign-in and tokens refused) or enables a user. */
export async function setUserDisabledAction(
  userId: string,
  disabled: boolean,
  _prev: ActionState,
): Promise<ActionState> {
  return idAction(
    "admin",
    [new Bound(userId, userIdField), new Bound(disabled, z.boolean())],
    (me) => setUserDisabledAs(me, userId, disabled),
    ["/admin/users"],
  );
}

/** An admin revokes anyone's token. */
export async function revokeAnyApiTokenAction(tokenId: number, _prev: ActionState): Promise<ActionState> {
  return idAction("admin", [tokenId], (me) => revokeTokenAs(me, tokenId), ["/admin/users"]);
}
