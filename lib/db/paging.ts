import "server-only";
/*
 * Keyset paging by id, as every growing list of migbench pages (campaigns, a campaign's runs, the audit
 * log): ask for one row more than a page, and the last row shown is where the next page continues.
 */

/** How a list is asked for a page: at most `take` rows, continuing after the id of the previous page's `next`. */
export type PageArgs = { take?: number };

/** The id condition of the page that continues after `from` (ids below it newest first, above it oldest first). */
export function idsAfter(from: number | undefined, order: "asc" | "desc") {
  if (!from) return {};
  return { id: order === "asc" ? { gt: from } : { lt: from } };
}

/** The page out of `take + 1` rows read, and the id the next page continues from (null on the last page). */
export function pageOf<T extends { id: number }>(rows: T[], take: number): { items: T[]; next: number | null } {
  const items = rows.slice(0, take);
  return { items, next: rows.length > take ? items[items.length - 1].id : null };
}

/**
 * The condition of the page after the row `from` when a list is ordered by `column` (nulls last) and then
 * by id ascending, the tiebreaker that makes the order total: rows further along in `column`, rows with
 * the same value and a larger id, then (for a `nullable` column) the rows without a value. `from` is the last row shown, with its
 * value read again — so a row whose value changed meanwhile (a queued run that finished) may move across
 * the page boundary, as on any live list.
 */
export function rowsAfter<C extends string>(
  column: C,
  dir: "asc" | "desc",
  from: { id: number; value: string | number | null } | null | undefined,
  nullable: boolean,
) {
  if (!from) return {};
  if (from.value === null) return { [column]: null, id: { gt: from.id } };
  return {
    OR: [
      { [column]: dir === "asc" ? { gt: from.value } : { lt: from.value } },
      { [column]: from.value, id: { gt: from.id } },
      ...(nullable ? [{ [column]: null }] : []),
    ],
  };
}
