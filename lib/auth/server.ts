import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { admin } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/admin/access";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db/client";
import { authSecret } from "./secret";
import { configuredPublicUrl } from "@/lib/http/public-url";
import { sessionMaxDays } from "./activity";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

// Only admins manage users (no impersonation); viewers and operators manage nobody.
const ac = createAccessControl(defaultStatements);
const roles = {
  viewer: ac.newRole({ user: [], session: [] }),
  operator: ac.newRole({ user: [], session: [] }),
  admin: ac.newRole({
    user: ["create", "list", "set-role", "ban", "get", "update", "set-password"],
    session: ["list", "revoke"],
  }),
};

function createAuth() {
  return betterAuth({
    appName: "migbench",
    secret: authSecret(),
    baseURL: configuredPublicUrl(),
    database: prismaAdapter(db, { provider: "sqlite" }),
    telemetry: { enabled: false },
    logger: { level: "error" },
    emailAndPassword: {
      enabled: true,
      // Accounts are made by an admin, the setup link or `npm run user`, never by signing up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
    },
    session: {
      // The absolute lifetime (MIGBENCH_SESSION_MAX_DAYS); the idle limit is lib/auth/activity.ts.
      expiresIn: Math.round(sessionMaxDays() * 24 * 3600),
      // A page view (GET) never writes: sessions are not slid forward, and expired ones are only
      // cleaned up by POSTs.
      disableSessionRefresh: true,
      deferSessionRefresh: true,
    },
    advanced: {
      // Secure cookies when served over https (MIGBENCH_URL); a lab address over plain http must still work.
      useSecureCookies: configuredPublicUrl()?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [
      admin({
        ac,
        roles,
        defaultRole: "viewer",
        adminRoles: ["admin"],
        bannedUserMessage: "This account is disabled; ask an admin.",
      }),
      // Lets server actions set the session cookie; must stay last.
      nextCookies(),
    ],
  });
}

const globalForAuth = globalThis as unknown as { migbenchAuth?: ReturnType<typeof createAuth> };
/** better-auth, once per process. */
export const auth = globalForAuth.migbenchAuth ?? createAuth();
globalForAuth.migbenchAuth = auth;
