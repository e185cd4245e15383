import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import { Suspense } from "react";
import { ListSkeleton } from "@/components/ui/skeleton";
import { listCampaigns } from "@/lib/db/campaigns";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import { CampaignSummary } from "@/components/campaigns/campaign-summary";
import { hasRole } from "@/lib/auth/roles";
import { pageHref } from "@/lib/schemas/paging";
import { campaignListQuerySchema } from "@/lib/schemas/campaign";
import { VERDICT_LABELS } from "@/lib/schemas/series";
import type { Verdict } from "@/lib/model/vocabulary";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/guard";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Campaigns" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CampaignsPage({ searchParams }: Props) {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  const page = campaignListQuerySchema.safeParse(await searchParams);
  const before = page.success ? page.data.before : undefined;
  const verdict = page.success ? page.data.verdict : undefined;
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="A campaign runs every VM profile over every chosen link of one testbed, several iterations each."
        actions={
          canOperate ? (
            <>
              <ButtonLink href="/schedules" variant="secondary">
                Schedules
              </ButtonLink>
              <ButtonLink href="/campaigns/import" variant="secondary">
                Import runs
              </ButtonLink>
              <ButtonLink href="/campaigns/new">Launch a campaign</ButtonLink>
            </>
          ) : undefined
        }
      />
      <VerdictFilter verdict={verdict} />
      <Suspense fallback={<ListSkeleton rows={3} />}>
        <CampaignList canOperate={canOperate} before={before} verdict={verdict} />
      </Suspense>
    </>
  );
}

const FILTERS: (Verdict | undefined)[] = [undefined, "regression", "improvement", "needs-more-runs"];

/** All campaigns, or those with one verdict against their baselines. */
function VerdictFilter({ verdict }: { verdict?: Verdict }) {
  return (
    <nav aria-label="Filter by verdict" className="mb-4 flex flex-wrap gap-2 text-sm">
      {FILTERS.map((v) => (
        <Link
          key={v ?? "all"}
          href={v ? `/campaigns?verdict=${v}` : "/campaigns"}
          aria-current={v === verdict ? "page" : undefined}
          className={`rounded-full px-3 py-1 ring-1 ring-inset ${v === verdict ? "bg-slate-800 text-white ring-slate-800" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
        >
          {v ? VERDICT_LABELS[v] : "All"}
        </Link>
      ))}
    </nav>
  );
}

async function CampaignList({
  canOperate,
  before,
  verdict,
}: {
  canOperate: boolean;
  before?: number;
  verdict?: Verdict;
}) {
  const { items: campaigns, next } = await listCampaigns({ take: 50, before, verdict });
  return (
    <>
      {campaigns.length === 0 && verdict ? (
        <EmptyState
          title={`No campaigns with the verdict “${VERDICT_LABELS[verdict]}”${before ? " further back" : ""}`}
        >
          A campaign gets a verdict when it finishes on a series that has a baseline: mark a finished campaign as the
          baseline on its page, and the campaigns after it are compared with it.
        </EmptyState>
      ) : campaigns.length === 0 && before ? (
        <EmptyState
          title="No older campaigns"
          action={
            <ButtonLink href="/campaigns" variant="secondary">
              Newest campaigns
            </ButtonLink>
          }
        />
      ) : campaigns.length === 0 ? (
        <EmptyState
          title="No campaigns yet"
          action={canOperate ? <ButtonLink href="/campaigns/new">Launch a campaign</ButtonLink> : undefined}
        >
          {canOperate ? (
            <>
              Launch one on the simulated whitepaper testbed, or load the reference campaign with{" "}
              <code>npm run db:seed</code>.
            </>
          ) : (
            "An operator launches campaigns; they appear here with their results."
          )}
        </EmptyState>
      ) : (
        <ul className="grid gap-4">
          {campaigns.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <CampaignSummary
                campaign={c}
                detail={
                  <>
                    {c.testbed.name} · {c.testbed.hypervisor} · created <DateTime value={c.createdAt} />
                  </>
                }
              />
            </li>
          ))}
        </ul>
      )}
      <Pager
        label="Pages"
        first={before ? { href: pageHref("/campaigns", null, { verdict }), text: "Newest" } : undefined}
        next={next ? { href: pageHref("/campaigns", next, { verdict }), text: "Older campaigns" } : undefined}
      />
    </>
  );
}
