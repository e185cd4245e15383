import "server-only";
import { headers } from "next/headers";
import { recordAudit } from "@/lib/db/audit";
import { auditActorOf, type Principal } from "./principal";
import { clientAddressOf } from "@/lib/http/client-address";
import { addressBucket, auditBudget } from "./throttle";
import type { Role } from "./roles";

/**
 * Records a refused change (401: nobody signed in; 403: a role too low) in the audit log: who, from
 * where, what they tried and what it needs. Only attempts to change something (server actions, API
 * writes) are recorded, never a GET; and within a budget per caller (a row each for the first few of a
 * window, then the 10th, 20th, 40th … with the count in between), so nobody can fill the log.
 */
export async function auditRefusal(
  principal: Principal,
  needed: Role,
  attempted: string,
  requestHeaders: Headers,
): Promise<void> {
  const ipAddress = clientAddressOf(requestHeaders);
  const caller = principal.kind === "anonymous" ? `address ${addressBucket(ipAddress)}` : `user ${principal.userId}`;
  const budget = await auditBudget({ key: `refused ${caller}` });
  if (!budget.record) return;
  const anonymous = principal.kind === "anonymous";
  const counted =
    budget.failures > 1
      ? ` (${budget.failures} refusals in 15 min${budget.unrecorded ? `; ${budget.unrecorded} since the last entry not recorded one by one` : ""})`
      : "";
  await recordAudit(auditActorOf(principal, ipAddress), {
    action: anonymous ? "access.unauthenticated" : "access.forbidden",
    targetType: "request",
    targetId: attempted.slice(0, 200),
    summary: anonymous
      ? `Refused ${attempted}: not signed in (needs ${needed})${counted}`
      : `Refused ${attempted}: needs ${needed}, ${principal.kind === "token" ? "the token acts" : "signed in"} as ${principal.role}${counted}`,
    details: { needed, role: principal.role, failuresInWindow: budget.failures, unrecorded: budget.unrecorded },
  });
}

/** What a server action was posted to, for the audit log: "a form on /testbeds/3". */
export async function attemptedAction(): Promise<string> {
  const path = (await headers()).get("x-migbench-path") ?? "/";
  return `a form on ${path.split("?")[0].slice(0, 150)}`;
}
