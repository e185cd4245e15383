import "server-only";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import type { WriteResult } from "@/lib/db/errors";
import { audit, audited } from "@/lib/auth/audit";
import type { SignedIn } from "@/lib/auth/guard";
import { hasRole, type Role } from "@/lib/auth/roles";
import { generateToken } from "@/lib/auth/tokens";
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

/**
 * Makes an API token for a user: only its hash and prefix are stored; the token itself is returned,
 * to be shown once. No audit row (the caller writes it: the account page, or `npm run user` in a terminal).
 */
export async function issueApiToken(data: { userId: string; name: string; role: Role; expiresInDays?: number }) {
  const { token, tokenHash, prefix } = generateToken();
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  const row = await createApiToken({
    data: { userId: data.userId, name: data.name, role: data.role, tokenHash, prefix, expiresAt },
  });
  return { row, token, expiresAt };
}

/** A personal API token with a role no higher than its owner's; the token itself is returned once, never stored. */
export async function createApiTokenAs(
  principal: SignedIn,
  data: { name: string; role: Role; expiresInDays?: number },
): Promise<WriteResult<{ name: string; token: string }>> {
  if (!hasRole(principal.role, data.role))
    return { ok: false, message: `A token cannot have a role above yours (${principal.role})`, field: "role" };
  const { row, token, expiresAt } = await issueApiToken({ ...data, userId: principal.userId });
  await audit(principal, {
    action: "token.create",
    targetType: "token",
    targetId: row.id,
    summary: `Created API token “${row.name}” (${row.role}) for ${principal.email}`,
    details: { role: row.role, expiresAt: expiresAt?.toISOString() ?? null },
  });
  return { ok: true, value: { name: row.name, token } };
}
