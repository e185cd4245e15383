import "server-only";
import { auth } from "./server";
import type { WriteResult } from "@/lib/db/errors";
import type { NewUserInput } from "@/lib/schemas/auth";

function errorCode(error: unknown): string | undefined {
  const body = (error as { body?: { code?: string } } | null)?.body;
  return body?.code;
}

/**
 * Creates an account with a password (hashed by better-auth, scrypt). Used by the setup page, the
 * admin's user list and `npm run user -- add`; the caller has checked who may do it.
 */
export async function createAccount(input: NewUserInput): Promise<WriteResult<{ id: string; email: string }>> {
  try {
    const { user } = await auth.api.createUser({
      body: { email: input.email, password: input.password, name: input.name, role: input.role },
    });
    return { ok: true, value: { id: user.id, email: user.email } };
  } catch (error) {
    const code = errorCode(error);
    if (code === "USER_ALREADY_EXISTS" || code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL") {
      return { ok: false, message: `An account for ${input.email} already exists`, field: "email" };
    }
    throw error;
  }
}

/** Sets a user's password without the old one (the terminal's `npm run user -- password`). */
export async function resetPassword({ userId, password }: { userId: string; password: string }): Promise<void> {
  const ctx = await auth.$context;
  await ctx.internalAdapter.updatePassword(userId, await ctx.password.hash(password));
}
