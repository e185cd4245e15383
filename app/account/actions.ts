"use server";

import { idAction } from "@/lib/http/server-actions";
import { revokeTokenAs } from "@/lib/operations/tokens";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auth } from "@/lib/auth/server";
import { clearSessionActivity, markSessionActive } from "@/lib/auth/mark-active";
import { requireRole } from "@/lib/auth/guard";
import { audit } from "@/lib/auth/audit";
import { currentPrincipal } from "@/lib/auth/principal";
import { hasRole } from "@/lib/auth/roles";
import { generateToken } from "@/lib/auth/tokens";
import { createApiToken } from "@/lib/db/api-tokens";
import { changePasswordSchema, newApiTokenSchema } from "@/lib/schemas/auth";
import type { FieldErrors } from "@/lib/schemas/fields";
import { INVALID_REQUEST, refused, type ActionState } from "@/lib/schemas/action-state";

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/** Ends this browser's session. Harmless when nobody is signed in. */
export async function signOutAction(): Promise<void> {
  const me = await currentPrincipal();
  if (me.kind === "user") {
    await auth.api.signOut({ headers: await headers() });
    await clearSessionActivity();
    await audit(me, {
      action: "auth.sign-out",
      targetType: "user",
      targetId: me.userId,
      summary: `${me.email} signed out`,
    });
  }
  revalidatePath("/", "layout");
  redirect("/sign-in");
}

/** Any signed-in user changes their own password; their other sessions end. */
export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requireRole("viewer");
  if (!(formData instanceof FormData)) return refused(INVALID_REQUEST, {});
  const parsed = changePasswordSchema.safeParse({
    currentPassword: formData.get("currentPassword"),
    newPassword: formData.get("newPassword"),
    confirm: formData.get("confirm"),
  });
  if (!parsed.success)
    return {
      ok: false,
      message: "Some fields need attention; see the messages beside them.",
      fieldErrors: fieldErrorsOf(parsed.error),
      values: {},
      attempt: Date.now(),
    };
  if (me.kind !== "user") return refused("Sign in with your password to change it (an API token cannot)", {});
  try {
    const changed = await auth.api.changePassword({
      body: {
        currentPassword: parsed.data.currentPassword,
        newPassword: parsed.data.newPassword,
        revokeOtherSessions: true,
      },
      headers: await headers(),
    });
    // The password change made a new session: its idle clock starts now.
    await markSessionActive(changed.token);
  } catch (error) {
    const code = (error as { body?: { code?: string } }).body?.code;
    if (code === "INVALID_PASSWORD") return refused("The current password is not right", {}, "currentPassword");
    throw error;
  }
  await audit(me, {
    action: "user.password-change",
    targetType: "user",
    targetId: me.userId,
    summary: `${me.email} changed their password`,
  });
  return { ok: true, message: "Password changed. Your other sessions were signed out." };
}

export type TokenState = ActionState | { ok: true; message: string; token: string };

/** A personal API token with a role no higher than the creator's; shown once. */
export async function createApiTokenAction(_prev: TokenState, formData: FormData): Promise<TokenState> {
  const me = await requireRole("viewer");
  if (!(formData instanceof FormData)) return refused(INVALID_REQUEST, {});
  const values = {
    name: String(formData.get("name") ?? "").slice(0, 300),
    role: String(formData.get("role") ?? ""),
    expiresInDays: String(formData.get("expiresInDays") ?? "").slice(0, 20),
  };
  const parsed = newApiTokenSchema.safeParse(values);
  if (!parsed.success)
    return {
      ok: false,
      message: "Some fields need attention; see the messages beside them.",
      fieldErrors: fieldErrorsOf(parsed.error),
      values,
      attempt: Date.now(),
    };
  if (!hasRole(me.role, parsed.data.role))
    return refused(`A token cannot have a role above yours (${me.role})`, values, "role");
  const { token, tokenHash, prefix } = generateToken();
  const expiresAt = parsed.data.expiresInDays ? new Date(Date.now() + parsed.data.expiresInDays * 86_400_000) : null;
  const row = await createApiToken({
    data: { userId: me.userId, name: parsed.data.name, role: parsed.data.role, tokenHash, prefix, expiresAt },
  });
  await audit(me, {
    action: "token.create",
    targetType: "token",
    targetId: row.id,
    summary: `Created API token “${row.name}” (${row.role}) for ${me.email}`,
    details: { role: row.role, expiresAt: expiresAt?.toISOString() ?? null },
  });
  revalidatePath("/account");
  return { ok: true, message: `Token “${row.name}” created. Copy it now: it is shown only once.`, token };
}

/** Revokes one of the caller's own tokens. */
export async function revokeOwnApiTokenAction(tokenId: number, _prev: ActionState): Promise<ActionState> {
  return idAction("viewer", [tokenId], (me) => revokeTokenAs(me, tokenId, me.userId), ["/account"]);
}
