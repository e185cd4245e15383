import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { VerdictBadge } from "@/components/ui/verdict-badge";
import { RunProgressBar } from "@/components/ui/run-progress-bar";
import type { RunStatusCounts } from "@/lib/db/campaigns";

/**
 * A campaign in a list: its name linking to it, its verdict against its baselines and its status, a line
 * about it if given, and its runs' progress.
 */
export function CampaignSummary({
  campaign,
  detail,
}: {
  campaign: {
    id: number;
    name: string;
    status: string;
    counts: RunStatusCounts;
    verdict?: string | null;
    pinned?: boolean;
  };
  detail?: React.ReactNode;
}) {
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div>
          <Link href={`/campaigns/${campaign.id}`} className="font-medium text-sky-700 hover:underline">
            {campaign.name}
          </Link>
          {detail ? <p className="text-sm text-slate-500">{detail}</p> : null}
        </div>
        <span className="flex items-center gap-2">
          {campaign.pinned ? (
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" title="Pinned to the overview">
              pinned
            </span>
          ) : null}
          <VerdictBadge
            verdict={campaign.verdict ?? null}
            href={`/campaigns/${campaign.id}#baseline`}
            title="Against the baselines of its series"
          />
          <StatusBadge status={campaign.status} />
        </span>
      </div>
      <RunProgressBar counts={campaign.counts} />
    </>
  );
}
