import type { Metadata } from "next";
import { Suspense } from "react";
import { ListSkeleton } from "@/components/ui/skeleton";
import Link from "next/link";
import { listTestbeds } from "@/lib/db/testbeds";
import { formatMemory } from "@/lib/format/units";
import { HYPERVISOR_LABELS, type HypervisorKind } from "@/lib/schemas/testbed";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import { hasRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Testbeds" };

export default async function TestbedsPage() {
  const me = await requirePageRole("viewer");
  const isAdmin = hasRole(me.role, "admin");
  return (
    <>
      <PageHeader
        title="Testbeds"
        description="A testbed is a source and destination host pair, the hypervisor that migrates between them, and its migration links."
        actions={isAdmin ? <ButtonLink href="/testbeds/new">New testbed</ButtonLink> : undefined}
      />
      <Suspense fallback={<ListSkeleton rows={3} />}>
        <TestbedList isAdmin={isAdmin} />
      </Suspense>
    </>
  );
}

async function TestbedList({ isAdmin }: { isAdmin: boolean }) {
  const testbeds = await listTestbeds();
  return (
    <>
      {testbeds.length === 0 ? (
        <EmptyState
          title="No testbeds yet"
          action={isAdmin ? <ButtonLink href="/testbeds/new">Create a testbed</ButtonLink> : undefined}
        >
          Create one for your lab, or run <code>npm run db:seed</code> to load the whitepaper reference testbed.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2">Hypervisor</th>
                <th className="px-4 py-2">Hosts</th>
                <th className="px-4 py-2 text-right">Host memory</th>
                <th className="px-4 py-2 text-right">Links</th>
                <th className="px-4 py-2 text-right">Campaigns</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {testbeds.map((t) => (
                <tr key={t.id} className="hover:bg-slate-50">
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/testbeds/${t.id}`} className="text-sky-700 hover:underline">
                      {t.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{HYPERVISOR_LABELS[t.hypervisor as HypervisorKind] ?? t.hypervisor}</td>
                  <td className="px-4 py-2 text-slate-600">
                    {t.sourceHost} → {t.destinationHost}
                  </td>
                  <td className="num px-4 py-2 text-right">{formatMemory(t.hostMemoryBytes)}</td>
                  <td className="num px-4 py-2 text-right">{t._count.links}</td>
                  <td className="num px-4 py-2 text-right">{t._count.campaigns}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
