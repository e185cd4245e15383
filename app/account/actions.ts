"use server";

import { formAction, idAction, type ActionReply } from "@/lib/http/server-actions";
import { createApiTokenAs, revokeTokenAs } from "@/lib/operations/tokens";
import { changeOwnPasswordAs, signOutAs } from "@/lib/operations/account";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentPrincipal } from "@/lib/auth/principal";
import { changePasswordSchema, newApiTokenSchema } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";

/** Ends this browser's session. Harmless when nobody is signed in. */
export async function signOutAction(): Promise<void> {
  const me = await currentPrincipal();
  if (me.kind === "user") await signOutAs(me);
  revalidatePath("/", "layout");
  redirect("/sign-in");
}

/** Any signed-in user changes their own password; their other sessions end. Nothing typed is sent back. */
export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(
    "viewer",
    formData,
    changePasswordSchema,
    changeOwnPasswordAs,
    { refresh: [], message: () => "Password changed. Your other sessions were signed out." },
    { secretFields: ["currentPassword", "newPassword", "confirm"] },
  );
}

export type TokenState = ActionReply<{ token: string }>;

/** A personal API token with a role no higher than the creator's; shown once. */
export async function createApiTokenAction(_prev: TokenState, formData: FormData): Promise<TokenState> {
  return formAction("viewer", formData, newApiTokenSchema, createApiTokenAs, {
    refresh: ["/account"],
    message: ({ name }) => `Token “${name}” created. Copy it now: it is shown only once.`,
    reply: ({ token }) => ({ token }),
  });
}

/** Revokes one of the caller's own tokens. */
export async function revokeOwnApiTokenAction(tokenId: number, _prev: ActionState): Promise<ActionState> {
  return idAction("viewer", [tokenId], (me) => revokeTokenAs(me, tokenId, me.userId), ["/account"]);
}
