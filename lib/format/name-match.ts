import { distance } from "fastest-levenshtein";

/*
 * Finding a record by the name a person typed in a terminal: "1 x 16 GiB once" for "1 × 16 GiB · once",
 * "40gbe" for "40GbE", and when nothing matches, the closest names to suggest (fastest-levenshtein's edit
 * distance over the names with case, spacing and punctuation left out).
 */

/** A name with case, accents, spaces and punctuation left out; "×" reads as "x". */
export function compactName(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/×/g, "x")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

export type NameMatch<T> = { match: T } | { ambiguous: T[] } | { suggestions: T[] };

/**
 * The one item named `query` (compared compactly), the items it cannot tell apart, or up to three names
 * to suggest: those containing what was typed first, then the nearest by edit distance.
 */
export function matchName<T extends { name: string }>(items: T[], query: string): NameMatch<T> {
  const wanted = compactName(query);
  const exact = items.filter((i) => i.name === query);
  if (exact.length === 1) return { match: exact[0] };
  const same = items.filter((i) => compactName(i.name) === wanted);
  if (same.length === 1) return { match: same[0] };
  if (same.length > 1) return { ambiguous: same };
  const scored = items
    .map((item) => {
      const name = compactName(item.name);
      return { item, score: wanted && name.includes(wanted) ? -1 : distance(wanted, name) };
    })
    .filter((s) => s.score < 0 || s.score <= Math.max(3, Math.ceil(wanted.length / 3)))
    .sort((a, b) => a.score - b.score || a.item.name.localeCompare(b.item.name));
  return { suggestions: scored.slice(0, 3).map((s) => s.item) };
}

/** "did you mean "a", "b"?" — or nothing when there is nothing near. */
export function didYouMean(items: { name: string }[]): string {
  return items.length ? ` (did you mean ${items.map((i) => `"${i.name}"`).join(", ")}?)` : "";
}
