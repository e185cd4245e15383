import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { VerdictBadge } from "@/components/ui/verdict-badge";
import { ActionButton } from "@/components/ui/action-button";
import type { getCampaignVerdicts } from "@/lib/db/verdicts";
import { markBaselineAction } from "../actions";

export type BaselineCardProps = {
  campaign: { id: number; verdict: string | null; status: string; counts: { succeeded: number } };
  verdicts: Awaited<ReturnType<typeof getCampaignVerdicts>>;
  /** How many series this campaign is the baseline of. */
  baselineOf: number;
  canOperate: boolean;
};

/**
 * "Against the baseline": the campaign's verdict per series (the changes that count first, each with
 * the comparison one click away), and the button that makes this campaign the baseline.
 */
export function BaselineCard({ campaign, verdicts, baselineOf, canOperate }: BaselineCardProps) {
  const finished = campaign.status !== "queued" && campaign.status !== "running";
  const canMark = canOperate && finished && campaign.counts.succeeded > 0;
  return (
    <section id="baseline" className="mb-6 scroll-mt-4">
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            Against the baseline <VerdictBadge verdict={campaign.verdict} />
          </span>
        }
        description={
          baselineOf > 0
            ? `This campaign is the baseline of ${baselineOf} series: campaigns that finish on them are compared with it.`
            : verdicts.length
              ? `Compared with the baselines of ${verdicts.length} series when it finished (minimum effect ${verdicts[0].minEffectPct}%).`
              : undefined
        }
        actions={
          canMark ? (
            <ActionButton
              action={markBaselineAction.bind(null, campaign.id)}
              label={baselineOf > 0 ? "Mark as baseline again" : "Mark as baseline"}
              pendingLabel="Marking…"
              confirmText="Make this campaign's runs the baseline of every series it covers (replacing their baselines)?"
            />
          ) : undefined
        }
      >
        {verdicts.length ? (
          <DataTable
            label="Verdicts by series"
            density="card"
            rows={verdicts}
            rowKey={(s) => `${s.linkId}-${s.profileId}`}
            columns={[
              {
                header: "Series",
                cell: (s) => (
                  <Link
                    href={`/series/${s.linkId}/${s.profileId}`}
                    prefetch={false}
                    className="text-sky-700 hover:underline"
                  >
                    {s.profileName} · {s.linkName}
                  </Link>
                ),
              },
              { header: "Verdict", cell: (s) => <VerdictBadge verdict={s.verdict} /> },
              {
                header: "What changed",
                cell: (s) => (
                  <ul className="grid gap-1">
                    {s.metrics.map((m) => (
                      <li key={m.metric} className={m.verdict === "no-change" ? "text-slate-500" : "text-slate-800"}>
                        {m.sentence}{" "}
                        <Link
                          href={`/compare?${m.compareQuery}`}
                          prefetch={false}
                          className="text-sky-700 hover:underline"
                        >
                          compare
                        </Link>
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        ) : (
          <p className="text-sm text-slate-600">
            {finished
              ? "No verdict: none of this campaign's series had a baseline when it finished."
              : "When this campaign finishes, each of its series that has a baseline gets a verdict here."}{" "}
            A series is one VM profile over one link;{" "}
            {canOperate
              ? "mark a finished campaign as its baseline, and the campaigns after it are compared with it."
              : "an operator marks a finished campaign as its baseline."}
          </p>
        )}
      </Card>
    </section>
  );
}
