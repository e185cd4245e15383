import Link from "next/link";

/** 401: the session ended (or never began) before an action that needs one. */
export default function Unauthorized() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-medium text-sky-700">401</p>
      <h1 className="mt-2 text-2xl font-semibold">Sign in to continue</h1>
      <p className="mt-2 text-slate-600">Your session has ended or you are not signed in; nothing was changed.</p>
      <div className="mt-6 flex justify-center gap-3 text-sm">
        <Link href="/sign-in" className="rounded-md bg-sky-700 px-3 py-2 font-medium text-white hover:bg-sky-800">
          Sign in
        </Link>
      </div>
    </div>
  );
}
