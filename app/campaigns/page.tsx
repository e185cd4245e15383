import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import { Suspense } from "react";
import { z } from "zod";
import { ListSkeleton } from "@/components/ui/skeleton";
import { listCampaigns } from "@/lib/db/campaigns";
import { PageHeader } from "@/components/ui/page-header";
import { BUTTON_CLASSES, ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import { CampaignSummary } from "@/components/campaigns/campaign-summary";
import { hasRole } from "@/lib/auth/roles";
import { pageHref } from "@/lib/schemas/paging";
import { campaignListQuerySchema, MAX_CAMPAIGN_SEARCH } from "@/lib/schemas/campaign";
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
  const q = page.success ? page.data.q : undefined;
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
      {!page.success ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          This address is not a valid view of the list:{" "}
          {Object.values(z.flattenError(page.error).fieldErrors).flat().join("; ")}. Showing every campaign.
        </p>
      ) : null}
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <VerdictFilter verdict={verdict} q={q} />
        <NameSearch verdict={verdict} q={q} />
      </div>
      <Suspense key={`${q ?? ""}|${verdict ?? ""}|${before ?? ""}`} fallback={<ListSkeleton rows={3} />}>
        <CampaignList canOperate={canOperate} before={before} verdict={verdict} q={q} />
      </Suspense>
    </>
  );
}

const FILTERS: (Verdict | undefined)[] = [undefined, "regression", "improvement", "needs-more-runs"];

/** All campaigns, or those with one verdict against their baselines (keeping the name search). */
function VerdictFilter({ verdict, q }: { verdict?: Verdict; q?: string }) {
  return (
    <nav aria-label="Filter by verdict" className="flex flex-wrap gap-2 text-sm">
      {FILTERS.map((v) => (
        <Link
          key={v ?? "all"}
          href={pageHref("/campaigns", null, { verdict: v, q })}
          aria-current={v === verdict ? "page" : undefined}
          className={`rounded-full px-3 py-1 ring-1 ring-inset ${v === verdict ? "bg-slate-800 text-white ring-slate-800" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
        >
          {v ? VERDICT_LABELS[v] : "All"}
        </Link>
      ))}
    </nav>
  );
}

/**
 * Campaigns whose name contains the text, whatever the case: a plain GET form, so the search is in the
 * URL (shareable, back button) and works before any script loads; the verdict filter is kept.
 */
function NameSearch({ verdict, q }: { verdict?: Verdict; q?: string }) {
  return (
    <form method="get" action="/campaigns" role="search" aria-label="Search campaigns" className="flex gap-2">
      {verdict ? <input type="hidden" name="verdict" value={verdict} /> : null}
      <label htmlFor="campaign-search" className="sr-only">
        Campaign name contains
      </label>
      <input
        id="campaign-search"
        type="search"
        name="q"
        defaultValue={q ?? ""}
        maxLength={MAX_CAMPAIGN_SEARCH}
        placeholder="Search by name"
        className="w-48 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm sm:w-64"
      />
      <button type="submit" className={BUTTON_CLASSES.secondary}>
        Search
      </button>
      {q ? (
        <Link
          href={pageHref("/campaigns", null, { verdict })}
          className="self-center text-sm text-sky-700 hover:underline"
        >
          Clear
        </Link>
      ) : null}
    </form>
  );
}

async function CampaignList({
  canOperate,
  before,
  verdict,
  q,
}: {
  canOperate: boolean;
  before?: number;
  verdict?: Verdict;
  q?: string;
}) {
  const { items: campaigns, next } = await listCampaigns({ take: 50, before, verdict, nameContains: q });
  return (
    <>
      {campaigns.length === 0 && q ? (
        <EmptyState
          title={`No campaigns${verdict ? ` with the verdict “${VERDICT_LABELS[verdict]}”` : ""} whose name contains “${q}”${before ? " further back" : ""}`}
          action={
            <ButtonLink href={pageHref("/campaigns", null, { verdict })} variant="secondary">
              Clear the search
            </ButtonLink>
          }
        >
          The search looks for the text anywhere in a campaign&apos;s name, whatever the case.
        </EmptyState>
      ) : campaigns.length === 0 && verdict ? (
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
        first={before ? { href: pageHref("/campaigns", null, { verdict, q }), text: "Newest" } : undefined}
        next={next ? { href: pageHref("/campaigns", next, { verdict, q }), text: "Older campaigns" } : undefined}
      />
    </>
  );
}
