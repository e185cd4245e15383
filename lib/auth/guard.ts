import "server-only";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { headers } from "next/headers";
import { currentPrincipal, type Principal } from "./principal";
import { hasRole, type Role } from "./roles";
import { setupPending } from "./setup-state";
import { safeNextPath } from "@/lib/schemas/auth";
import { attemptedAction, auditRefusal } from "./refusals";

export type SignedIn = Extract<Principal, { kind: "user" | "token" }>;

/**
 * The check at the top of every server action: the caller must be signed in (session or token)
 * with at least `role`. Anonymous callers get 401, lower roles 403 (Next's unauthorized() and
 * forbidden() interrupts), recorded in the audit log; nothing after this line runs for them.
 */
export async function requireRole(role: Role): Promise<SignedIn> {
  const principal = await currentPrincipal();
  if (principal.kind === "anonymous" || !hasRole(principal.role, role))
    await auditRefusal(principal, role, await attemptedAction(), await headers());
  if (principal.kind === "anonymous") unauthorized();
  if (!hasRole(principal.role, role)) forbidden();
  return principal;
}

/** The path of the current request (set by proxy.ts), for returning after sign-in. */
async function currentPath(): Promise<string> {
  return safeNextPath((await headers()).get("x-migbench-path"));
}

/**
 * The check at the top of every page: signed in with at least `role` — or, for read-only pages
 * with MIGBENCH_PUBLIC_READ=1, anonymous. Anonymous visitors are sent to the sign-in page (or to
 * the setup page while no admin exists); lower roles see the 403 page.
 */
export async function requirePageRole(role: Role): Promise<Principal> {
  if (await setupPending()) redirect("/setup");
  const principal = await currentPrincipal();
  if (principal.kind === "anonymous" && !hasRole(principal.role, role)) {
    redirect(`/sign-in?next=${encodeURIComponent(await currentPath())}`);
  }
  if (!hasRole(principal.role, role)) forbidden();
  return principal;
}

/** Whether the current visitor may read pages (for metadata, which renders beside the page). */
export async function canReadPages(): Promise<boolean> {
  if (await setupPending()) return false;
  return hasRole((await currentPrincipal()).role, "viewer");
}
