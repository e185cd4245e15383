import type { Metadata } from "next";
import Link from "next/link";
import { listTestbeds } from "@/lib/db/testbeds";
import { formatMemory } from "@/lib/format/units";
import { HYPERVISOR_LABELS, type HypervisorKind } from "@/lib/schemas/testbed";
import { ListPage } from "@/components/ui/list-page";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import { hasRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/guard";
import { readinessFor } from "@/lib/auth/visibility";
import type { Role } from "@/lib/auth/roles";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Testbeds" };

export default async function TestbedsPage() {
  const me = await requirePageRole("viewer");
  const isAdmin = hasRole(me.role, "admin");
  return (
    <ListPage
      title="Testbeds"
      description="A testbed is a source and destination host pair, the hypervisor that migrates between them, and its migration links."
      create={isAdmin ? { href: "/testbeds/new", label: "New testbed" } : null}
      skeletonRows={3}
    >
      <TestbedList isAdmin={isAdmin} role={me.role} />
    </ListPage>
  );
}

async function TestbedList({ isAdmin, role }: { isAdmin: boolean; role: Role | null }) {
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
        <DataTable
          label="Testbeds"
          rows={testbeds}
          columns={[
            {
              header: "Name",
              className: "font-medium",
              cell: (t) => (
                <Link href={`/testbeds/${t.id}`} className="text-sky-700 hover:underline">
                  {t.name}
                </Link>
              ),
            },
            { header: "Hypervisor", cell: (t) => HYPERVISOR_LABELS[t.hypervisor as HypervisorKind] ?? t.hypervisor },
            { header: "Hosts", className: "text-slate-600", cell: (t) => `${t.sourceHost} → ${t.destinationHost}` },
            { header: "Host memory", numeric: true, cell: (t) => formatMemory(t.hostMemoryBytes) },
            { header: "Links", numeric: true, cell: (t) => t._count.links },
            {
              header: "Ready",
              cell: (t) =>
                t.readiness.ready ? (
                  <span className="text-emerald-700">ready</span>
                ) : (
                  <span className="block max-w-64 text-xs text-amber-700">
                    not ready: {readinessFor(t.readiness, role).problems[0]}
                  </span>
                ),
            },
            { header: "Campaigns", numeric: true, cell: (t) => t._count.campaigns },
          ]}
        />
      )}
    </>
  );
}
