import Link from "next/link";
import type { Principal } from "@/lib/auth/principal";
import { ROLE_LABELS } from "@/lib/auth/roles";

/** Who is signed in, with their role, and the way out; or the way in. */
export function UserMenu({ principal, signOut }: { principal: Principal; signOut: () => Promise<void> }) {
  if (principal.kind !== "user") {
    return (
      <Link href="/sign-in" prefetch={false} className="rounded-md px-3 py-1.5 text-sm text-sky-700 hover:bg-slate-100">
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-2 text-sm">
      <Link
        href="/account"
        prefetch={false}
        className="max-w-[16rem] truncate rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100"
        title="Your account: password and API tokens"
      >
        {principal.email}{" "}
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{ROLE_LABELS[principal.role]}</span>
      </Link>
      <form action={signOut}>
        <button type="submit" className="rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100">
          Sign out
        </button>
      </form>
    </div>
  );
}
