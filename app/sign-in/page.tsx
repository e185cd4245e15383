import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentPrincipal, publicReadEnabled } from "@/lib/auth/principal";
import { setupPending } from "@/lib/auth/setup-state";
import { nextPathField } from "@/lib/schemas/auth";
import { Card } from "@/components/ui/card";
import { SignInForm } from "./_components/sign-in-form";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  if (await setupPending()) redirect("/setup");
  const raw = (await searchParams).next;
  const next = nextPathField.parse(typeof raw === "string" ? raw : undefined);
  const me = await currentPrincipal();
  if (me.kind === "user") redirect(next);
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">Sign in to migbench</h1>
      <p className="mb-6 text-sm text-slate-600">
        Accounts are made by an admin.{" "}
        {publicReadEnabled()
          ? "Without an account you can browse read-only."
          : "Saved comparisons (/c/…) open without signing in."}
      </p>
      <Card>
        <SignInForm action={signInAction} next={next} />
      </Card>
      <p className="mt-4 text-xs text-slate-500">
        Forgot your password? An admin can set a new one with <code>npm run user -- password --email you@lab</code>.
      </p>
    </div>
  );
}
