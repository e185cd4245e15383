import type { Metadata } from "next";
import { Suspense } from "react";
import { ListSkeleton } from "@/components/ui/skeleton";
import { listCampaigns } from "@/lib/db/campaigns";
import { formatDateTime } from "@/lib/format/units";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import { CampaignSummary } from "@/components/campaigns/campaign-summary";
import { hasRole } from "@/lib/auth/roles";
import { pageHref, pageQuerySchema } from "@/lib/schemas/paging";
import { requirePageRole } from "@/lib/auth/guard";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Campaigns" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CampaignsPage({ searchParams }: Props) {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  const page = pageQuerySchema.safeParse(await searchParams);
  const before = page.success ? page.data.before : undefined;
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="A campaign runs every VM profile over every chosen link of one testbed, several iterations each."
        actions={
          canOperate ? (
            <>
              <ButtonLink href="/campaigns/import" variant="secondary">
                Import runs
              </ButtonLink>
              <ButtonLink href="/campaigns/new">Launch a campaign</ButtonLink>
            </>
          ) : undefined
        }
      />
      <Suspense fallback={<ListSkeleton rows={3} />}>
        <CampaignList canOperate={canOperate} before={before} />
      </Suspense>
    </>
  );
}

async function CampaignList({ canOperate, before }: { canOperate: boolean; before?: number }) {
  const { items: campaigns, next } = await listCampaigns({ take: 50, before });
  return (
    <>
      {campaigns.length === 0 && before ? (
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
                detail={`${c.testbed.name} · ${c.testbed.hypervisor} · created ${formatDateTime(c.createdAt)}`}
              />
            </li>
          ))}
        </ul>
      )}
      <Pager
        label="Pages"
        first={before ? { href: "/campaigns", text: "Newest" } : undefined}
        next={next ? { href: pageHref("/campaigns", next), text: "Older campaigns" } : undefined}
      />
    </>
  );
}
