import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { auth } from "./server";
import { hashToken, looksLikeToken } from "./tokens";
import { isRole, lowerRole, type Role } from "./roles";
import { findApiTokenByHash } from "@/lib/db/api-tokens";
import type { AuditActor } from "@/lib/db/audit";
import { clientAddressOf } from "@/lib/http/client-address";
import { sessionIdleMs, sessionIsActive } from "./activity";

/** Who is asking: a signed-in user (session cookie), an API token, or nobody. */
export type Principal =
  | { kind: "user"; userId: string; email: string; name: string; role: Role }
  | { kind: "token"; userId: string; email: string; name: string; role: Role; tokenId: number; tokenName: string }
  /** role is "viewer" only when the admin turned on public read-only mode (MIGBENCH_PUBLIC_READ=1). */
  | { kind: "anonymous"; role: Role | null; problem?: string };

/** Whether anonymous visitors may browse read-only (MIGBENCH_PUBLIC_READ=1). */
export function publicReadEnabled(): boolean {
  return process.env.MIGBENCH_PUBLIC_READ === "1" || process.env.MIGBENCH_PUBLIC_READ === "true";
}

function anonymous(problem?: string): Principal {
  return { kind: "anonymous", role: publicReadEnabled() ? "viewer" : null, problem };
}

/** The principal of a request, from its Authorization: Bearer token or its session cookie. */
export async function principalFromHeaders(h: Headers): Promise<Principal> {
  const authorization = h.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match || !looksLikeToken(match[1]))
      return anonymous("The Authorization header must be “Bearer <token>” with a migbench API token");
    const token = await findApiTokenByHash({ tokenHash: hashToken(match[1]) });
    if (!token) return anonymous("This API token is not valid");
    if (token.revokedAt) return anonymous("This API token was revoked");
    if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return anonymous("This API token has expired");
    if (token.user.banned) return anonymous("The owner of this API token is disabled");
    if (!isRole(token.role) || !isRole(token.user.role)) return anonymous("This API token has no valid role");
    return {
      kind: "token",
      userId: token.user.id,
      email: token.user.email,
      name: token.user.name,
      role: lowerRole(token.role, token.user.role),
      tokenId: token.id,
      tokenName: token.name,
    };
  }
  const session = await auth.api.getSession({ headers: h }).catch(() => null);
  const user = session?.user as
    { id: string; email: string; name: string; role?: string | null; banned?: boolean | null } | undefined;
  if (!user || user.banned || !isRole(user.role)) return anonymous();
  // A session unused for longer than the idle limit has ended (lib/auth/activity.ts).
  // Checked against the token the session was found by, not one parsed again from the cookies.
  const token = (session as { session?: { token?: string } } | null)?.session?.token ?? null;
  if (!sessionIsActive(h.get("cookie"), Date.now(), token))
    return anonymous(
      `Your session ended after ${Math.round(sessionIdleMs() / 3600_000)} h without activity: sign in again`,
    );
  return { kind: "user", userId: user.id, email: user.email, name: user.name, role: user.role };
}

/** The principal of the current request (once per request). */
export const currentPrincipal = cache(async (): Promise<Principal> => principalFromHeaders(await headers()));

/**
 * The client's address (the socket's peer, or what a trusted proxy forwarded: lib/http/client-address.ts),
 * for the audit log and the sign-in throttle.
 */
export async function clientAddress(): Promise<string | null> {
  let requestHeaders: Headers;
  try {
    requestHeaders = await headers();
  } catch {
    // Outside a request (a worker, a terminal, a test calling an operation): no client to name.
    return null;
  }
  return clientAddressOf(requestHeaders);
}

/** How the audit log names a principal. */
export function auditActorOf(principal: Principal, ipAddress?: string | null): AuditActor {
  switch (principal.kind) {
    case "user":
      return { actorType: "user", actorId: principal.userId, actorLabel: principal.email, ipAddress };
    case "token":
      return {
        actorType: "token",
        actorId: principal.userId,
        actorLabel: `token “${principal.tokenName}” (${principal.email})`,
        ipAddress,
      };
    default:
      return { actorType: "anonymous", actorId: null, actorLabel: "anonymous", ipAddress };
  }
}
