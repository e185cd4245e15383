import { z } from "zod";
import { idInput, optionalNumberInput } from "./fields";

/**
 * The position in a long list, from the URL: `before` = the id the page continues after (the
 * previous page's `next`), `limit` = how many (API only). Query strings are strings, so numbers are
 * read like form fields: a plain decimal only.
 */
export const pageQuerySchema = z.object({
  before: z.preprocess(
    (v) => (v === "" ? undefined : v),
    idInput("form", "before must be the id given as next by the previous page").optional(),
  ),
  /** For lists in ascending order (a campaign's runs). */
  after: z.preprocess(
    (v) => (v === "" ? undefined : v),
    idInput("form", "after must be the id given as next by the previous page").optional(),
  ),
  limit: optionalNumberInput("form", "limit", { int: true, min: 1, max: 200 }),
});

export type PageQuery = z.output<typeof pageQuerySchema>;

/** The query string of a page position, keeping other parameters. */
export function pageHref(
  path: string,
  before: number | null | undefined,
  keep: Record<string, string | undefined> = {},
  key: "before" | "after" = "before",
): string {
  const params = new URLSearchParams(Object.entries(keep).filter((e): e is [string, string] => !!e[1]));
  if (before) params.set(key, String(before));
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}
