import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import Link from "next/link";
import { z } from "zod";
import { requirePageRole } from "@/lib/auth/guard";
import { listAuditActions, listAuditEvents } from "@/lib/db/audit";
import { auditKindWord, describeAuditDetails, resolveAuditTargets } from "@/lib/db/audit-names";
import { auditFilterOf, auditQuerySchema, auditQueryString } from "@/lib/schemas/audit";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUTTON_CLASSES } from "@/components/ui/button-link";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const INPUT = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function AuditPage({ searchParams }: Props) {
  await requirePageRole("admin");
  const parsed = auditQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const [page, actions] = await Promise.all([
    listAuditEvents({ filter: auditFilterOf(query), before: query.before }),
    listAuditActions(),
  ]);
  const filtered = auditQueryString(query);
  // Names at read time: what each entry is about as it is called now, or that it was deleted since.
  const targets = await resolveAuditTargets(page.items);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change, and every refused attempt to make one: who (user or API token, from which address), when and what. What an entry says names records as they were called then; About names them as they are now (or says they were deleted). Connection settings appear by the names of the keys that changed, never their values."
        actions={
          <a className={BUTTON_CLASSES.secondary} href={`/admin/audit/export${filtered ? `?${filtered}` : ""}`}>
            Export CSV
          </a>
        }
      />
      {!parsed.success ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          These filters are not valid: {Object.values(z.flattenError(parsed.error).fieldErrors).flat().join("; ")}.
        </p>
      ) : null}
      <Card className="mb-6">
        <form method="get" className="grid gap-3 sm:grid-cols-5 sm:items-end" aria-label="Filter the audit log">
          <label className="text-xs text-slate-600">
            Action
            <select name="action" defaultValue={query.action ?? ""} className={INPUT}>
              <option value="">All actions</option>
              {[...new Set(actions.map((a) => `${a.split(".")[0]}.`))].map((prefix) => (
                <option key={prefix} value={prefix}>
                  {prefix}* (all)
                </option>
              ))}
              {actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs text-slate-600">
            Who
            <input
              name="actor"
              defaultValue={query.actor ?? ""}
              placeholder="email or token name"
              maxLength={200}
              className={INPUT}
            />
          </label>
          <label className="text-xs text-slate-600">
            From (UTC)
            <input type="date" name="from" defaultValue={query.from ?? ""} className={INPUT} />
          </label>
          <label className="text-xs text-slate-600">
            To (UTC)
            <input type="date" name="to" defaultValue={query.to ?? ""} className={INPUT} />
          </label>
          <div className="flex gap-2">
            <button type="submit" className={BUTTON_CLASSES.primary}>
              Filter
            </button>
            <Link href="/admin/audit" className={BUTTON_CLASSES.secondary}>
              Clear
            </Link>
          </div>
        </form>
      </Card>
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? "Nothing matches these filters" : "Nothing recorded yet"}>
          {filtered
            ? "Widen the dates or clear the filters."
            : "Changes appear here as people launch campaigns, edit testbeds or sign in."}
        </EmptyState>
      ) : (
        <Card>
          <DataTable
            label="Audit log"
            density="card"
            rows={page.items}
            rowClassName={() => "align-top"}
            columns={[
              { header: "When (UTC)", className: "whitespace-nowrap", cell: (e) => <DateTime value={e.createdAt} /> },
              {
                header: "Who",
                cell: (e) => (
                  <>
                    {e.actorLabel}
                    {e.ipAddress ? <span className="block text-xs text-slate-500">{e.ipAddress}</span> : null}
                  </>
                ),
              },
              { header: "Action", className: "font-mono text-xs", cell: (e) => e.action },
              {
                header: "About",
                cell: (e) => {
                  const target = targets.get(`${e.targetType}:${e.targetId}`);
                  if (!target) return <span className="text-slate-500">—</span>;
                  const kind = auditKindWord(e.targetType);
                  return target.href ? (
                    <>
                      <span className="block text-xs text-slate-500">{kind}</span>
                      <Link href={target.href} prefetch={false} className="text-sky-700 hover:underline">
                        {target.label}
                      </Link>
                    </>
                  ) : (
                    <span className="text-slate-500">{target.label}</span>
                  );
                },
              },
              {
                header: "What",
                cell: (e) => (
                  <>
                    {e.summary}
                    {e.detailsJson ? (
                      <span className="block text-xs break-words text-slate-500">
                        {describeAuditDetails(e.detailsJson, targets)}
                      </span>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
          <Pager
            label="Pages of the audit log"
            first={query.before ? { href: `/admin/audit${filtered ? `?${filtered}` : ""}`, text: "Newest" } : undefined}
            next={page.next ? { href: `/admin/audit?${auditQueryString(query, page.next)}`, text: "Older" } : undefined}
          />
        </Card>
      )}
    </>
  );
}
