import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { CampaignComparison } from "@/lib/stats/campaign-comparisons";

/** What this campaign can answer on /compare: its links against each other, its variants, its baseline. */
export function CompareCard({ campaignId, offers }: { campaignId: number; offers: CampaignComparison[] }) {
  return (
    <section id="compare" aria-label="Compare" className="mb-6 scroll-mt-4">
      <Card title="Compare" description="Means, 95% intervals and Welch's t-test, group by group.">
        {offers.length ? (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {offers.map((o) => (
              <li key={o.href} className="rounded-md border border-slate-200 px-3 py-2">
                <Link href={o.href} prefetch={false} className="font-medium text-sky-700 hover:underline">
                  {o.label}
                </Link>
                <p className="mt-0.5 text-xs text-slate-500">{o.description}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">
            One link, one variant and no baseline: nothing inside this campaign to put side by side.{" "}
            <Link
              href={`/compare?c=campaign:${campaignId}&metric=durationMs&group=profile`}
              prefetch={false}
              className="text-sky-700 underline"
            >
              Compare it with another campaign
            </Link>
            .
          </p>
        )}
      </Card>
    </section>
  );
}
