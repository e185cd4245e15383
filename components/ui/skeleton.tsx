/** A grey placeholder block of the size of the content it stands for. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded-md bg-slate-200 ${className}`} />;
}

/** Loading state for a page: a header and a few blocks of the usual size. */
export function PageSkeleton({ blocks = 2, label = "Loading" }: { blocks?: number; label?: string }) {
  return (
    <div role="status" aria-label={label}>
      <Skeleton className="mb-2 h-8 w-72" />
      <Skeleton className="mb-6 h-4 w-96" />
      {Array.from({ length: blocks }, (_, i) => (
        <Skeleton key={i} className="mb-6 h-64 w-full" />
      ))}
    </div>
  );
}

/** Loading state for a list or table: rows of the usual height. */
export function ListSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading" className="grid gap-3">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-16 w-full" />
      ))}
    </div>
  );
}

/** Loading state for one card of a page that streams in after the rest (named for screen readers). */
export function CardSkeleton({ label, height = "h-40" }: { label: string; height?: string }) {
  return (
    <div role="status" aria-label={`Loading ${label}`} className="mb-6">
      <Skeleton className={`${height} w-full`} />
    </div>
  );
}
