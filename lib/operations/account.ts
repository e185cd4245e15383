import "server-only";
import { headers } from "next/headers";
import { auth } from "@/lib/auth/server";
import { clearSessionActivity, markSessionActive } from "@/lib/auth/mark-active";
import { audit } from "@/lib/auth/audit";
import type { SignedIn } from "@/lib/auth/guard";
import type { Principal } from "@/lib/auth/principal";
import type { WriteResult } from "@/lib/db/errors";

/*
 * What a signed-in user does to their own account, with its audit row: change their password (an API
 * token cannot), sign out. Their tokens are lib/operations/tokens.ts.
 */

/** Changes the caller's own password; their other sessions end. */
export async function changeOwnPasswordAs(
  principal: SignedIn,
  data: { currentPassword: string; newPassword: string },
): Promise<WriteResult<{ email: string }>> {
  if (principal.kind !== "user")
    return { ok: false, message: "Sign in with your password to change it (an API token cannot)" };
  try {
    const changed = await auth.api.changePassword({
      body: { currentPassword: data.currentPassword, newPassword: data.newPassword, revokeOtherSessions: true },
      headers: await headers(),
    });
    // The password change made a new session: its idle clock starts now.
    await markSessionActive(changed.token);
  } catch (error) {
    const code = (error as { body?: { code?: string } }).body?.code;
    if (code === "INVALID_PASSWORD")
      return { ok: false, message: "The current password is not right", field: "currentPassword" };
    throw error;
  }
  await audit(principal, {
    action: "user.password-change",
    targetType: "user",
    targetId: principal.userId,
    summary: `${principal.email} changed their password`,
  });
  return { ok: true, value: { email: principal.email } };
}

/** Ends this browser's session, with its audit row. */
export async function signOutAs(principal: Extract<Principal, { kind: "user" }>) {
  await auth.api.signOut({ headers: await headers() });
  await clearSessionActivity();
  await audit(principal, {
    action: "auth.sign-out",
    targetType: "user",
    targetId: principal.userId,
    summary: `${principal.email} signed out`,
  });
}
