import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Suspense } from "react";
import { ListSkeleton } from "@/components/ui/skeleton";
import { listCampaigns } from "@/lib/db/campaigns";
import { listLatestRuns } from "@/lib/db/runs";
import { formatBytes, formatDurationMs, formatGbps } from "@/lib/format/units";
import { countBaselines } from "@/lib/db/series";
import { listCampaignsByVerdict } from "@/lib/db/verdicts";
import { VerdictBadge } from "@/components/ui/verdict-badge";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button-link";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { CampaignSummary } from "@/components/campaigns/campaign-summary";
import { hasRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/guard";
import { DataTable } from "@/components/ui/data-table";

const SECTIONS = [
  {
    href: "/campaigns",
    title: "Campaigns",
    text: "Result matrices and 10GbE-vs-40GbE charts of time, throughput and data.",
  },
  {
    href: "/testbeds",
    title: "Testbeds",
    text: "Host pairs, hypervisors and their migration links (line rate, PCIe limit).",
  },
  { href: "/profiles", title: "VM profiles", text: "VM count, memory size and workload: idle, once or continuous." },
  {
    href: "/series",
    title: "Series",
    text: "One VM profile over one link over time: baselines, regressions and improvements.",
  },
];

export default async function OverviewPage() {
  const me = await requirePageRole("viewer");
  return (
    <>
      <PageHeader
        title="Overview"
        description="migbench plans, runs and compares VM live-migration test campaigns: how much faster does a VM migrate over a faster link, for each memory workload, and how many bytes cross the wire?"
        actions={
          hasRole(me.role, "operator") ? <ButtonLink href="/campaigns/new">Launch a campaign</ButtonLink> : undefined
        }
      />
      <div className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {SECTIONS.map((s) => (
          <Link
            key={s.href}
            href={s.href}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-sky-300 hover:shadow"
          >
            <p className="font-medium text-sky-700">{s.title} →</p>
            <p className="mt-1 text-sm text-slate-600">{s.text}</p>
          </Link>
        ))}
      </div>
      <Suspense fallback={<ListSkeleton rows={2} />}>
        <Regressions />
      </Suspense>
      <div className="grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<ListSkeleton rows={3} />}>
          <RecentCampaigns />
        </Suspense>
        <Suspense fallback={<ListSkeleton rows={5} />}>
          <LatestRuns />
        </Suspense>
      </div>
    </>
  );
}

/** The newest campaigns that regressed against their baselines: what needs a look first. */
async function Regressions() {
  const [regressions, baselines] = await Promise.all([
    listCampaignsByVerdict({ verdict: "regression", take: 5 }),
    countBaselines(),
  ]);
  return (
    <Card
      title="Regressions"
      className="mb-6"
      description="Campaigns slower, or worse in another measure, than the baseline of their series."
      actions={
        regressions.length ? (
          <Link href="/campaigns?verdict=regression" className="text-sm text-sky-700 hover:underline">
            All regressions
          </Link>
        ) : undefined
      }
    >
      {regressions.length ? (
        <ul className="divide-y divide-slate-100">
          {regressions.map((c) => (
            <li key={c.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
              <div>
                <Link href={`/campaigns/${c.id}#baseline`} className="font-medium text-sky-700 hover:underline">
                  {c.name}
                </Link>
                <p className="text-sm text-slate-500">
                  {c.testbed.name} · finished <DateTime value={c.finishedAt} />
                  {c.headline ? ` · ${c.headline.series}` : ""}
                </p>
                {c.headline ? <p className="text-sm text-slate-800">{c.headline.sentence}</p> : null}
              </div>
              <VerdictBadge verdict="regression" title={`${c.metricsWithVerdict} measure(s) regressed`} />
            </li>
          ))}
        </ul>
      ) : baselines ? (
        <p className="text-sm text-slate-600">
          No regressions: the campaigns that finished on the {baselines} series with a baseline held up.
        </p>
      ) : (
        <EmptyState title="No baselines yet">
          Mark a finished campaign as the baseline of its series (on the campaign&apos;s page): every campaign that
          finishes afterwards on the same VM profile and link is compared with it, and regressions show here.
        </EmptyState>
      )}
    </Card>
  );
}

/** Pinned campaigns (the reference among them) first, whatever came after them; then the newest others. */
async function RecentCampaigns() {
  const [pinned, recent] = await Promise.all([listCampaigns({ take: 6, pinned: true }), listCampaigns({ take: 12 })]);
  const campaigns = [...pinned.items, ...recent.items.filter((c) => !c.pinned).slice(0, 6)];
  return (
    <Card
      title="Campaigns"
      actions={
        <Link href="/campaigns" className="text-sm text-sky-700 hover:underline">
          All campaigns
        </Link>
      }
    >
      {campaigns.length === 0 ? (
        <EmptyState title="No campaigns yet">
          Run <code>npm run db:seed</code> to load the whitepaper reference campaign.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {campaigns.map((c) => (
            <li key={c.id} className="py-3">
              <CampaignSummary campaign={c} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

async function LatestRuns() {
  const runs = await listLatestRuns({ take: 8 });
  return (
    <Card title="Latest runs">
      {runs.length === 0 ? (
        <EmptyState title="No runs yet">Runs appear here as campaigns execute or results are imported.</EmptyState>
      ) : (
        <DataTable
          label="Latest runs"
          density="card"
          rows={runs}
          columns={[
            {
              header: "Run",
              cell: (r) => (
                <Link href={`/runs/${r.id}`} className="text-sky-700 hover:underline">
                  #{r.id}
                </Link>
              ),
            },
            {
              header: "Profile / link",
              cell: (r) => (
                <>
                  {r.profile.name}
                  <span className="block text-xs text-slate-500">{r.link.name}</span>
                </>
              ),
            },
            { header: "Status", cell: (r) => <StatusBadge status={r.status} /> },
            { header: "Time", numeric: true, cell: (r) => formatDurationMs(r.durationMs) },
            { header: "Throughput", numeric: true, cell: (r) => formatGbps(r.throughputGbps) },
            { header: "Data", numeric: true, cell: (r) => formatBytes(r.transferredBytes) },
          ]}
        />
      )}
    </Card>
  );
}
