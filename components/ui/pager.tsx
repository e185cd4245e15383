import Link from "next/link";

export type PagerProps = {
  /** The nav's accessible name, e.g. "Pages of runs". */
  label: string;
  /** Back to the first page; absent on the first page. */
  first?: { href: string; text: string };
  /** The next page; absent on the last page. */
  next?: { href: string; text: string };
};

/** Cursor paging links below a list: back to the first page, and on to the next one. Nothing when there is one page. */
export function Pager({ label, first, next }: PagerProps) {
  if (!first && !next) return null;
  return (
    <nav aria-label={label} className="mt-4 flex justify-between text-sm">
      {first ? (
        <Link href={first.href} prefetch={false} className="text-sky-700 hover:underline">
          ← {first.text}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} prefetch={false} className="text-sky-700 hover:underline">
          {next.text} →
        </Link>
      ) : null}
    </nav>
  );
}
