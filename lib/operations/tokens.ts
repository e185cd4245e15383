import "server-only";
import { revokeApiToken } from "@/lib/db/api-tokens";
import { audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";

/** Revokes an API token — any token, or with `ownerId` only one of that user's — with its audit row. */
export async function revokeTokenAs(principal: Principal, id: number, ownerId?: string) {
  return audited(principal, await revokeApiToken({ id, userId: ownerId }), (token) => ({
    action: "token.revoke",
    targetType: "token",
    targetId: id,
    summary: `Revoked API token “${token.name}” of ${token.ownerEmail}`,
  }));
}
