import "server-only";
import { db } from "./client";
import type { WriteResult } from "./errors";
import type { Role } from "@/lib/auth/roles";

/** Stores a new token (its hash only). */
export async function createApiToken({
  data,
}: {
  data: { userId: string; name: string; role: Role; tokenHash: string; prefix: string; expiresAt: Date | null };
}) {
  return db.apiToken.create({ data, select: { id: true, name: true, role: true, prefix: true, expiresAt: true } });
}

/** Tokens of one user, or of everyone (admins), newest first. Never includes the hash. */
export async function listApiTokens({ userId }: { userId?: string } = {}) {
  return db.apiToken.findMany({
    where: userId ? { userId } : {},
    orderBy: { id: "desc" },
    take: 500,
    select: {
      id: true,
      name: true,
      role: true,
      prefix: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true } },
    },
  });
}

/** Revokes a token; with userId, only if it belongs to that user. */
export async function revokeApiToken({
  id,
  userId,
}: {
  id: number;
  userId?: string;
}): Promise<WriteResult<{ name: string; ownerEmail: string }>> {
  const token = await db.apiToken.findUnique({
    where: { id },
    select: { userId: true, name: true, revokedAt: true, user: { select: { email: true } } },
  });
  if (!token || (userId && token.userId !== userId))
    return { ok: false, code: "not_found", message: "This token does not exist" };
  if (token.revokedAt) return { ok: false, message: "This token is already revoked" };
  await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  return { ok: true, value: { name: token.name, ownerEmail: token.user.email } };
}

/** The token with this hash and its owner, whatever its state (the caller checks it). */
export async function findApiTokenByHash({ tokenHash }: { tokenHash: string }) {
  return db.apiToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      name: true,
      role: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, banned: true } },
    },
  });
}
