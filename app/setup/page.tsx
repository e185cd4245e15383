import type { Metadata } from "next";
import Link from "next/link";
import { setupPending } from "@/lib/auth/setup-state";
import { hashToken } from "@/lib/auth/tokens";
import { isSetupTokenHash } from "@/lib/db/app-settings";
import { Card } from "@/components/ui/card";
import { SetupForm } from "./_components/setup-form";
import { createFirstAdminAction } from "./actions";

export const metadata: Metadata = { title: "First-run setup" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * First run: while no admin exists, every page leads here. With the one-time link printed by
 * `npm run app` it shows the form for the first admin; without it, how to get one.
 */
export default async function SetupPage({ searchParams }: Props) {
  const pending = await setupPending();
  const raw = (await searchParams).token;
  const token = typeof raw === "string" && raw.length <= 200 ? raw : "";
  const valid = pending && token !== "" && (await isSetupTokenHash({ tokenHash: hashToken(token) }));
  return (
    <div className="mx-auto max-w-lg py-8">
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">{pending ? "Setup is pending" : "Setup is done"}</h1>
      {!pending ? (
        <p className="text-sm text-slate-600">
          migbench has an admin.{" "}
          <Link href="/sign-in" className="text-sky-700 underline">
            Sign in
          </Link>
          ; new accounts are added by an admin.
        </p>
      ) : valid ? (
        <>
          <p className="mb-6 text-sm text-slate-600">
            Create the first admin. This link works once; afterwards the admin adds everyone else under Admin → Users.
          </p>
          <Card>
            <SetupForm action={createFirstAdminAction} token={token} />
          </Card>
        </>
      ) : (
        <div role="status" className="space-y-3 text-sm text-slate-600">
          <p>migbench has no admin yet, so nothing can be viewed or changed until one is created.</p>
          <p>
            {token ? "This setup link is not valid: it has been used or replaced by a newer one. " : null}
            Open the one-time setup link that <code>npm run app</code> printed in its terminal (each start prints a new
            one), or create the admin there:
          </p>
          <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 text-xs text-slate-100">
            npm run user -- add --email you@lab.example --role admin
          </pre>
        </div>
      )}
    </div>
  );
}
