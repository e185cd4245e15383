import "server-only";
import { cookies } from "next/headers";
import { activityCookie } from "./activity";

/** Starts a new session's idle clock (after sign-in, setup, or a password change that made a new session). */
export async function markSessionActive(token: string | null | undefined): Promise<void> {
  if (!token) return;
  const cookie = activityCookie(token);
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}
