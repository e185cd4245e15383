"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/server";
import { markSessionActive } from "@/lib/auth/mark-active";
import { createAccount } from "@/lib/auth/accounts";
import { setupPending } from "@/lib/auth/setup-state";
import { hashToken } from "@/lib/auth/tokens";
import { clientAddress } from "@/lib/auth/principal";
import { consumeSetupTokenHash, storeSetupTokenHash } from "@/lib/db/app-settings";
import { recordAudit } from "@/lib/db/audit";
import { newUserSchema, setupSchema } from "@/lib/schemas/auth";
import { INVALID_REQUEST, invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";

/**
 * Creates the first admin. Needs no session — it is how the first one comes to exist — but the
 * one-time token printed by `npm run app`, and only while no admin exists.
 */
export async function createFirstAdminAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  if (!(formData instanceof FormData)) return refused(INVALID_REQUEST, {});
  const values = {
    email: String(formData.get("email") ?? "").slice(0, 300),
    name: String(formData.get("name") ?? "").slice(0, 300),
  };
  const token = setupSchema.safeParse({ token: formData.get("token") });
  if (!token.success) return refused("This setup link is not valid", values);
  if (!(await setupPending())) return refused("Setup is already done: sign in instead", values);
  const parsed = newUserSchema.safeParse({
    email: formData.get("email"),
    name: formData.get("name") ?? undefined,
    password: formData.get("password"),
    confirm: formData.get("confirm"),
    role: "admin",
  });
  if (!parsed.success) {
    return invalidInput(parsed.error, values);
  }

  const tokenHash = hashToken(token.data.token);
  if (!(await consumeSetupTokenHash({ tokenHash }))) {
    return refused(
      "This setup link has been used or replaced by a newer one: use the link printed last by npm run app",
      values,
    );
  }
  const created = await createAccount(parsed.data);
  if (!created.ok) {
    await storeSetupTokenHash({ tokenHash });
    return refused(created.message, values, created.field);
  }
  await recordAudit(
    { actorType: "system", actorId: null, actorLabel: "setup link", ipAddress: await clientAddress() },
    {
      action: "user.create",
      targetType: "user",
      targetId: created.value.id,
      summary: `First admin ${created.value.email} created with the setup link`,
      details: { role: "admin" },
    },
  );
  const signedIn = await auth.api.signInEmail({
    body: { email: parsed.data.email, password: parsed.data.password, rememberMe: true },
    headers: await headers(),
  });
  await markSessionActive(signedIn.token);
  revalidatePath("/", "layout");
  redirect("/");
}
