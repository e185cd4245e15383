/**
 * The comparisons a campaign can answer, offered from its page: link against link (the whitepaper's
 * question: the slower link as the baseline), variant against variant, and the campaign against the
 * baselines of its series. A campaign against itself answers nothing and is never offered.
 */
import { compareQuery } from "@/lib/schemas/compare";

export type CampaignComparison = { label: string; description: string; href: string };

/** More series judged than this and the baseline offer is the list of them on the campaign's page. */
const MAX_SERIES_OFFERS = 4;

export function campaignComparisons({
  campaignId,
  links,
  variantLabels,
  series,
}: {
  campaignId: number;
  /** The links with succeeded runs in the campaign, slowest first. */
  links: { id: number; name: string }[];
  /** The campaign's settings variants, by label, in launch order. */
  variantLabels: string[];
  /** The series it was judged on against their baselines, each with the comparison of its time. */
  series: { linkName: string; profileName: string; compareQuery: string }[];
}): CampaignComparison[] {
  const out: CampaignComparison[] = [];
  const pairs = <T>(xs: T[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const));
  for (const [slow, fast] of pairs(links))
    out.push({
      label: `${fast.name} against ${slow.name}`,
      description: "Each VM profile's runs on the two links, side by side.",
      href: `/compare?${compareQuery({
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
      })}`,
    });
  for (const [first, second] of pairs(variantLabels))
    out.push({
      label: `${second} against ${first}`,
      description: "The two settings variants, per workload and link rate.",
      href: `/compare?${compareQuery({
        b: [{ kind: "campaign", ids: [campaignId] }],
        c: [{ kind: "campaign", ids: [campaignId] }],
        bv: first,
        cv: second,
        metric: "durationMs",
        group: "workload-rate",
      })}`,
    });
  if (series.length > MAX_SERIES_OFFERS)
    out.push({
      label: "This campaign against its baselines",
      description: `${series.length} series judged: each with its comparison under “Against the baseline”.`,
      href: "#baseline",
    });
  else
    for (const s of series)
      out.push({
        label: `${s.profileName} · ${s.linkName} against its baseline`,
        description: "This series' runs in this campaign against the baseline's.",
        href: `/compare?${s.compareQuery}`,
      });
  return out;
}
