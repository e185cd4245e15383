/**
 * The comparisons a campaign can answer, offered from its page: link against link (the whitepaper's
 * question: the slower link as the baseline), variant against variant, and the campaign against the
 * baselines of its series. A campaign against itself answers nothing and is never offered.
 */
import { compareQuery, MAX_SELECTION_IDS } from "@/lib/schemas/compare";

export type CampaignComparison = { label: string; description: string; query: string };

export function campaignComparisons({
  campaignId,
  links,
  variantLabels,
  baselineRunIds,
}: {
  campaignId: number;
  /** The links the campaign's runs used, slowest first. */
  links: { id: number; name: string }[];
  /** The campaign's settings variants, by label, in launch order. */
  variantLabels: string[];
  /** The runs its series' baselines hold (every series it was judged on). */
  baselineRunIds: number[];
}): CampaignComparison[] {
  const out: CampaignComparison[] = [];
  const pairs = <T>(xs: T[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const));
  for (const [slow, fast] of pairs(links))
    out.push({
      label: `${fast.name} against ${slow.name}`,
      description: "Each VM profile's runs on the two links, side by side.",
      query: compareQuery({
        b: [
          { kind: "campaign", ids: [campaignId] },
          { kind: "link", ids: [slow.id] },
        ],
        c: [
          { kind: "campaign", ids: [campaignId] },
          { kind: "link", ids: [fast.id] },
        ],
        metric: "durationMs",
        group: "profile",
      }),
    });
  for (const [first, second] of pairs(variantLabels))
    out.push({
      label: `${second} against ${first}`,
      description: "The two settings variants, group by group.",
      query: compareQuery({
        b: [{ kind: "campaign", ids: [campaignId] }],
        c: [{ kind: "campaign", ids: [campaignId] }],
        bv: first,
        cv: second,
        metric: "durationMs",
        group: "profile",
      }),
    });
  const baseline = [...new Set(baselineRunIds)].sort((a, b) => a - b);
  if (baseline.length && baseline.length <= MAX_SELECTION_IDS)
    out.push({
      label: "This campaign against its baseline",
      description: `Its runs against the ${baseline.length} baseline run${baseline.length === 1 ? "" : "s"} of its series.`,
      query: compareQuery({
        b: [{ kind: "runs", ids: baseline }],
        c: [{ kind: "campaign", ids: [campaignId] }],
        metric: "durationMs",
        group: "profile",
      }),
    });
  return out;
}
