import Link from "next/link";
import { currentPrincipal } from "@/lib/auth/principal";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/roles";

/** 403: signed in, but the role is too low for this page or action. */
export default async function Forbidden() {
  const me = await currentPrincipal();
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-medium text-amber-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Your role does not allow this</h1>
      <p className="mt-2 text-slate-600">
        {me.role ? (
          <>
            You are a <strong>{ROLE_LABELS[me.role].toLowerCase()}</strong>: you may {ROLE_DESCRIPTIONS[me.role]}.{" "}
          </>
        ) : null}
        Ask an admin for the role this needs; nothing was changed.
      </p>
      <div className="mt-6 flex justify-center gap-3 text-sm">
        <Link href="/" className="rounded-md bg-sky-700 px-3 py-2 font-medium text-white hover:bg-sky-800">
          Go to the overview
        </Link>
      </div>
    </div>
  );
}
