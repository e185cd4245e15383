"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/server";
import { clientAddress } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { getUserByEmail } from "@/lib/db/users";
import { signInSchema } from "@/lib/schemas/auth";
import { addressBucket, admitSignInAttempt, auditBudget, signInSucceeded, waitInWords } from "@/lib/auth/throttle";
import { INVALID_REQUEST, invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";
import { markSessionActive } from "@/lib/auth/mark-active";

const WRONG = "Wrong email or password.";

/**
 * Anyone may try to sign in. Attempts are throttled per (email, address) and per address with growing
 * delays (lib/auth/throttle.ts); failures and throttled attempts are audited within a budget.
 */
export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  if (!(formData instanceof FormData)) return refused(INVALID_REQUEST, {});
  const raw = {
    email: formData.get("email"),
    password: formData.get("password"),
    next: formData.get("next") ?? undefined,
  };
  // What is sent back to the form: never the password.
  const values = {
    email: typeof raw.email === "string" ? raw.email.slice(0, 300) : "",
    next: typeof raw.next === "string" ? raw.next.slice(0, 2000) : "",
  };
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error, values);
  const { email, password, next } = parsed.data;
  const ipAddress = await clientAddress();
  const auditFailure = async (action: string, summary: string) => {
    // Throttled attempts have a budget of their own, per client (not per email: an address already held
    // back could otherwise write a row for every email it makes up).
    const budget = await auditBudget(
      action === "auth.sign-in-throttled" ? { key: `throttled ${addressBucket(ipAddress)}` } : { email },
    );
    if (!budget.record) return;
    const unrecorded = budget.unrecorded
      ? `; ${budget.unrecorded} more since the last entry, not recorded one by one`
      : "";
    await recordAudit(
      { actorType: "anonymous", actorId: null, actorLabel: email, ipAddress },
      {
        action,
        targetType: "user",
        targetId: email,
        summary: budget.failures > 1 ? `${summary} (${budget.failures} in 15 min${unrecorded})` : summary,
        details: { failuresInWindow: budget.failures, unrecorded: budget.unrecorded },
      },
    );
  };

  const gate = await admitSignInAttempt({ email, address: ipAddress });
  if (!gate.ok) {
    await auditFailure("auth.sign-in-throttled", `Sign-in attempt for ${email} refused: too many from this address`);
    return refused(
      `Too many sign-in attempts from your address: wait ${waitInWords(gate.retryAfterMs)} and try again`,
      values,
    );
  }
  let token: string;
  try {
    ({ token } = await auth.api.signInEmail({
      body: { email, password, rememberMe: true },
      headers: await headers(),
    }));
  } catch (error) {
    const code = (error as { body?: { code?: string } }).body?.code;
    if (code === "BANNED_USER") {
      // Said to the admin in the log, not to the one who typed the password: the same answer as a wrong one.
      await auditFailure("auth.sign-in-failed", `Sign-in refused: ${email} is disabled`);
      return refused(WRONG, values);
    }
    if (code === "INVALID_EMAIL_OR_PASSWORD" || code === "INVALID_PASSWORD" || code === "INVALID_EMAIL") {
      await auditFailure("auth.sign-in-failed", `Failed sign-in for ${email}`);
      return refused(WRONG, values);
    }
    throw error;
  }
  await signInSucceeded({ email, address: ipAddress });
  await markSessionActive(token);
  const user = await getUserByEmail({ email });
  await recordAudit(
    { actorType: "user", actorId: user?.id ?? null, actorLabel: email, ipAddress },
    { action: "auth.sign-in", targetType: "user", targetId: user?.id, summary: `${email} signed in` },
  );
  revalidatePath("/", "layout");
  redirect(next);
}
