import "server-only";
import { NextResponse } from "next/server";
import { principalFromHeaders, type Principal } from "./principal";
import { hasRole, ROLE_LABELS, type Role } from "./roles";
import { setupPending } from "./setup-state";
import { originCheck } from "@/lib/http/origin";
import { auditRefusal } from "./refusals";
import { noteDatabaseFailure } from "@/lib/http/health";
import { databaseDownMessage } from "@/lib/http/database-state";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function denied(status: 401 | 403, message: string) {
  return NextResponse.json(
    { error: { message } },
    { status, headers: status === 401 ? { "www-authenticate": 'Bearer realm="migbench"' } : undefined },
  );
}

/**
 * The check at the top of every API route. Tokens (Authorization: Bearer) and session cookies are
 * accepted; a cookie-authenticated request that changes something must be same-origin JSON (no
 * cross-site form or text/plain POST can ride on a signed-in browser).
 */
export async function authorizeApi(...args: Parameters<typeof authorizeApiOnce>): ReturnType<typeof authorizeApiOnce> {
  try {
    return await authorizeApiOnce(...args);
  } catch (error) {
    // The database went away: the documented JSON error with 503, not a bare 500.
    if (noteDatabaseFailure(error))
      return { ok: false, response: NextResponse.json({ error: { message: databaseDownMessage() } }, { status: 503 }) };
    throw error;
  }
}

async function authorizeApiOnce(
  request: Request,
  role: Role,
  /** Body types a cookie-authenticated write may have; never the CORS-simple ones (forms, text/plain). */
  { bodyTypes = ["application/json"] }: { bodyTypes?: string[] } = {},
): Promise<{ ok: true; principal: Principal } | { ok: false; response: NextResponse }> {
  if (await setupPending())
    return {
      ok: false,
      response: denied(401, "migbench is waiting for its first admin: open the setup link printed by npm run app"),
    };
  const principal = await principalFromHeaders(request.headers);
  if (!hasRole(principal.role, role)) {
    // A refused write is audited (a refused GET is not: reading never writes).
    if (MUTATING.has(request.method))
      await auditRefusal(
        principal,
        role,
        `${request.method} ${new URL(request.url).pathname.slice(0, 150)}`,
        request.headers,
      );
    if (principal.kind === "anonymous") {
      return {
        ok: false,
        response: denied(401, principal.problem ?? "Sign in, or send an API token: Authorization: Bearer <token>"),
      };
    }
    return {
      ok: false,
      response: denied(
        403,
        `This needs the ${ROLE_LABELS[role].toLowerCase()} role; ${principal.kind === "token" ? "this token acts" : "you are signed in"} as ${principal.role}`,
      ),
    };
  }
  if (MUTATING.has(request.method) && principal.kind === "user") {
    const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
    if (!type || !bodyTypes.includes(type) || originCheck(request.headers) !== "same") {
      return {
        ok: false,
        response: denied(
          403,
          "A request signed in with a browser session must be same-origin JSON (Content-Type: application/json); scripts use an API token",
        ),
      };
    }
  }
  return { ok: true, principal };
}
