"use client";

/** Shown when a page fails to load; the data itself is untouched. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-slate-600">
        Nothing was changed. Try again; if it keeps failing, check that the database file is reachable and migrated (
        <code>npm run db:migrate</code>).
      </p>
      {error.digest ? <p className="mt-2 text-xs text-slate-500">Reference: {error.digest}</p> : null}
      <button
        onClick={reset}
        className="mt-6 rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800"
      >
        Try again
      </button>
    </div>
  );
}
