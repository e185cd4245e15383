"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/server";
import { clientAddress } from "@/lib/auth/principal";
import { countFailedSignIns, recordAudit } from "@/lib/db/audit";
import { getUserByEmail } from "@/lib/db/users";
import { signInSchema } from "@/lib/schemas/auth";
import { SIGN_IN_MAX_FAILURES, SIGN_IN_WINDOW_MINUTES } from "@/lib/auth/throttle";
import { INVALID_REQUEST, invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";

/** Anyone may try to sign in; failures are counted per email, throttled and audited. */
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
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MINUTES * 60_000);
  if ((await countFailedSignIns({ email, since })) >= SIGN_IN_MAX_FAILURES) {
    return refused(
      `Too many failed sign-ins for ${email}: wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again, or ask an admin`,
      values,
    );
  }
  try {
    await auth.api.signInEmail({ body: { email, password, rememberMe: true }, headers: await headers() });
  } catch (error) {
    const code = (error as { body?: { code?: string } }).body?.code;
    const disabled = code === "BANNED_USER";
    await recordAudit(
      { actorType: "anonymous", actorId: null, actorLabel: email, ipAddress },
      {
        action: "auth.sign-in-failed",
        targetType: "user",
        targetId: email,
        summary: disabled ? `Sign-in refused: ${email} is disabled` : `Failed sign-in for ${email}`,
      },
    );
    if (disabled) return refused("This account is disabled; ask an admin.", values);
    if (code === "INVALID_EMAIL_OR_PASSWORD" || code === "INVALID_PASSWORD" || code === "INVALID_EMAIL")
      return refused("Wrong email or password.", values);
    throw error;
  }
  const user = await getUserByEmail({ email });
  await recordAudit(
    { actorType: "user", actorId: user?.id ?? null, actorLabel: email, ipAddress },
    { action: "auth.sign-in", targetType: "user", targetId: user?.id, summary: `${email} signed in` },
  );
  revalidatePath("/", "layout");
  redirect(next);
}
