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
