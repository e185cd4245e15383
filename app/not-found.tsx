import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-medium text-sky-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        There is no such campaign, run, testbed or profile. It may have been deleted, or the link is mistyped.
      </p>
      <div className="mt-6 flex justify-center gap-3 text-sm">
        <Link href="/" className="rounded-md bg-sky-700 px-3 py-2 font-medium text-white hover:bg-sky-800">
          Go to the overview
        </Link>
        <Link href="/campaigns" className="rounded-md border border-slate-300 px-3 py-2 hover:bg-slate-50">
          Browse campaigns
        </Link>
      </div>
    </div>
  );
}
