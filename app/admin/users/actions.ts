"use server";

import { idAction } from "@/lib/http/server-actions";
import { revokeTokenAs } from "@/lib/operations/tokens";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guard";
import { audit } from "@/lib/auth/audit";
import { createAccount } from "@/lib/auth/accounts";
import { setUserDisabled, setUserRole } from "@/lib/db/users";
import { newUserSchema, roleField, userIdField } from "@/lib/schemas/auth";
import { INVALID_REQUEST, invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";

/** An admin adds an account with a first password (to pass on; the user changes it). */
export async function addUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requireRole("admin");
  if (!(formData instanceof FormData)) return refused(INVALID_REQUEST, {});
  const values = {
    email: String(formData.get("email") ?? "").slice(0, 300),
    name: String(formData.get("name") ?? "").slice(0, 300),
    role: String(formData.get("role") ?? ""),
  };
  const parsed = newUserSchema.safeParse({
    ...values,
    name: values.name || undefined,
    password: formData.get("password"),
  });
  if (!parsed.success) return invalidInput(parsed.error, values);
  const created = await createAccount(parsed.data);
  if (!created.ok) return refused(created.message, values, created.field);
  await audit(me, {
    action: "user.create",
    targetType: "user",
    targetId: created.value.id,
    summary: `Added ${created.value.email} as ${parsed.data.role}`,
    details: { role: parsed.data.role },
  });
  revalidatePath("/admin/users");
  return { ok: true, message: `${created.value.email} can now sign in as ${parsed.data.role}.` };
}

/** Changes a user's role (never leaving no enabled admin). */
export async function setUserRoleAction(userId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requireRole("admin");
  const id = userIdField.safeParse(userId);
  if (!(formData instanceof FormData)) return refused(INVALID_REQUEST, {});
  const role = roleField.safeParse(formData.get("role"));
  if (!id.success) return refused(INVALID_REQUEST, {});
  if (!role.success) return refused("Choose a role: viewer, operator or admin", {});
  const result = await setUserRole({ id: id.data, role: role.data });
  if (!result.ok) return refused(result.message, {});
  await audit(me, {
    action: "user.role",
    targetType: "user",
    targetId: id.data,
    summary: `Changed the role of ${result.value.email} from ${result.value.from} to ${role.data}`,
    details: { from: result.value.from, to: role.data },
  });
  revalidatePath("/admin/users");
  return { ok: true, message: `${result.value.email} is now ${role.data}.` };
}

/** Disables (signed out everywhere, sign-in and tokens refused) or enables a user. */
export async function setUserDisabledAction(
  userId: string,
  disabled: boolean,
  _prev: ActionState,
): Promise<ActionState> {
  const me = await requireRole("admin");
  const id = userIdField.safeParse(userId);
  if (!id.success || typeof disabled !== "boolean") return refused(INVALID_REQUEST, {});
  const result = await setUserDisabled({ id: id.data, disabled });
  if (!result.ok) return refused(result.message, {});
  await audit(me, {
    action: disabled ? "user.disable" : "user.enable",
    targetType: "user",
    targetId: id.data,
    summary: `${disabled ? "Disabled" : "Enabled"} ${result.value.email}`,
  });
  revalidatePath("/admin/users");
  return { ok: true };
}

/** An admin revokes anyone's token. */
export async function revokeAnyApiTokenAction(tokenId: number, _prev: ActionState): Promise<ActionState> {
  return idAction("admin", [tokenId], (me) => revokeTokenAs(me, tokenId), ["/admin/users"]);
}
