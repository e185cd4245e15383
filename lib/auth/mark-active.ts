import "server-only";
import { cookies } from "next/headers";
import { ACTIVITY_COOKIE, activityCookie } from "./activity";

/** Starts a new session's idle clock (after sign-in, setup, or a password change that made a new session). */
export async function markSessionActive(token: string | null | undefined): Promise<void> {
  if (!token) return;
  const cookie = activityCookie(token);
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}

/** Drops the activity stamp with the session it belonged to (sign-out). */
export async function clearSessionActivity(): Promise<void> {
  (await cookies()).delete(ACTIVITY_COOKIE);
}
