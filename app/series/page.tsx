import type { Metadata } from "next";
import Link from "next/link";
import { ListPage } from "@/components/ui/list-page";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { VerdictBadge } from "@/components/ui/verdict-badge";
import { listSeries, MAX_LISTED_SERIES } from "@/lib/db/series";
import { getTestbed } from "@/lib/db/testbeds";
import { seriesListQuerySchema } from "@/lib/schemas/series";
import { formatAgo, formatCount, formatDateTime } from "@/lib/format/units";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Series" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SeriesListPage({ searchParams }: Props) {
  await requirePageRole("viewer");
  const query = seriesListQuerySchema.safeParse(await searchParams);
  const testbedId = query.success ? query.data.testbed : undefined;
  const testbed = testbedId ? await getTestbed({ id: testbedId }) : null;
  return (
    <ListPage
      title={testbed ? `Series of ${testbed.name}` : "Series"}
      description={
        <>
          A series is one VM profile over one link: its runs over time, compared campaign after campaign with its
          baseline.{" "}
          {testbed ? (
            <Link href="/series" className="text-sky-700 hover:underline">
              All testbeds
            </Link>
          ) : null}
        </>
      }
      create={null}
      skeletonRows={4}
    >
      <SeriesTable testbedId={testbed?.id} />
    </ListPage>
  );
}

async function SeriesTable({ testbedId }: { testbedId?: number }) {
  const series = await listSeries({ testbedId });
  if (!series.length)
    return (
      <EmptyState title="No series yet">
        A series appears with the first succeeded run of a VM profile over a link: launch a campaign, or import results.
      </EmptyState>
    );
  return (
    <DataTable
      label="Series"
      rows={series}
      rowKey={(s) => `${s.linkId}-${s.profileId}`}
      rowHeader
      footer={
        series.length === MAX_LISTED_SERIES
          ? `The ${MAX_LISTED_SERIES} most recently run series; choose a testbed to see its own.`
          : undefined
      }
      columns={[
        {
          header: "Series",
          cell: (s) => (
            <Link href={`/series/${s.linkId}/${s.profileId}`} prefetch={false} className="text-sky-700 hover:underline">
              {s.profile.name} · {s.link.name}
            </Link>
          ),
        },
        {
          header: "Testbed",
          cell: (s) => (
            <Link href={`/series?testbed=${s.link.testbed.id}`} prefetch={false} className="hover:underline">
              {s.link.testbed.name}
            </Link>
          ),
        },
        { header: "Runs", numeric: true, cell: (s) => formatCount(s.runs) },
        {
          header: "Last run",
          cell: (s) => (s.lastRunAt ? <span title={formatDateTime(s.lastRunAt)}>{formatAgo(s.lastRunAt)}</span> : "—"),
        },
        {
          header: "Baseline",
          cell: (s) =>
            s.baseline ? (
              <span title={`set ${formatDateTime(s.baseline.createdAt)}`}>{s.baseline.runs} runs</span>
            ) : (
              <span className="text-slate-500">none</span>
            ),
        },
        {
          header: "Latest verdict",
          cell: (s) =>
            s.latest ? (
              <VerdictBadge verdict={s.latest.verdict} href={`/campaigns/${s.latest.campaignId}#baseline`} />
            ) : (
              <span className="text-slate-500">—</span>
            ),
        },
      ]}
    />
  );
}
