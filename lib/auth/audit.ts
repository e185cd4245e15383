import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/db/audit";
import type { WriteResult } from "@/lib/db/errors";
import { auditActorOf, clientAddress, type Principal } from "./principal";

/** Records a change made by the principal of the current request in the audit log. */
export async function audit(principal: Principal, entry: AuditEntry): Promise<void> {
  await recordAudit(auditActorOf(principal, await clientAddress()), entry);
}

/** Writes the audit row of a change that succeeded; hands the change's result back either way. */
export async function audited<T>(
  principal: Principal,
  result: WriteResult<T>,
  entry: (value: T) => AuditEntry,
): Promise<WriteResult<T>> {
  if (result.ok) await audit(principal, entry(result.value));
  return result;
}
