import "server-only";
import { db } from "./client";
import type { WriteResult } from "./errors";

/** Whether an enabled admin exists (until then, the app is waiting for its first-run setup). */
export async function activeAdminExists(): Promise<boolean> {
  return (await db.user.count({ where: { role: "admin", NOT: { banned: true } } })) > 0;
}

/** Every user, for the admin's user list. */
export async function listUsers() {
  return db.user.findMany({
    orderBy: { createdAt: "asc" },
    take: 1000,
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      banned: true,
      createdAt: true,
      _count: { select: { apiTokens: { where: { revokedAt: null } } } },
    },
  });
}

/** One user by email (stored lower-case); null when missing. */
export async function getUserByEmail({ email }: { email: string }) {
  return db.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, role: true, banned: true },
  });
}

const LAST_ADMIN = "At least one enabled admin must remain: make another user admin first";

/** Changes a user's role; refused when it would leave no enabled admin. */
export async function setUserRole({
  id,
  role,
}: {
  id: string;
  role: string;
}): Promise<WriteResult<{ email: string; from: string }>> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { email: true, role: true, banned: true } });
    if (!user) return { ok: false, code: "not_found", message: "This user no longer exists" } as const;
    if (
      user.role === "admin" &&
      role !== "admin" &&
      !user.banned &&
      (await tx.user.count({ where: { role: "admin", NOT: { banned: true } } })) <= 1
    ) {
      return { ok: false, message: LAST_ADMIN } as const;
    }
    await tx.user.update({ where: { id }, data: { role } });
    return { ok: true, value: { email: user.email, from: user.role } } as const;
  });
}

/**
 * Disables (signs out everywhere; sign-in and the user's tokens stop working) or enables a user;
 * disabling the last enabled admin is refused.
 */
export async function setUserDisabled({
  id,
  disabled,
}: {
  id: string;
  disabled: boolean;
}): Promise<WriteResult<{ email: string }>> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { email: true, role: true, banned: true } });
    if (!user) return { ok: false, code: "not_found", message: "This user no longer exists" } as const;
    if (
      disabled &&
      user.role === "admin" &&
      !user.banned &&
      (await tx.user.count({ where: { role: "admin", NOT: { banned: true } } })) <= 1
    ) {
      return { ok: false, message: LAST_ADMIN } as const;
    }
    await tx.user.update({
      where: { id },
      data: { banned: disabled, banReason: disabled ? "disabled by an admin" : null },
    });
    if (disabled) await tx.session.deleteMany({ where: { userId: id } });
    return { ok: true, value: { email: user.email } } as const;
  });
}
