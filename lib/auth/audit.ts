import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/db/audit";
import { auditActorOf, clientAddress, type Principal } from "./principal";

/** Records a change made by the principal of the current request in the audit log. */
export async function audit(principal: Principal, entry: AuditEntry): Promise<void> {
  await recordAudit(auditActorOf(principal, await clientAddress()), entry);
}
