import type { Metadata } from "next";
import { listProfiles } from "@/lib/db/profiles";
import { formatMemory, formatRateBytesPerSec } from "@/lib/format/units";
import { ListPage } from "@/components/ui/list-page";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import { deleteProfileAction } from "./actions";
import { hasRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/guard";
import { DataTable } from "@/components/ui/data-table";
import { RowActions } from "@/components/ui/row-actions";

export const metadata: Metadata = { title: "VM profiles" };

export default async function ProfilesPage() {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  return (
    <ListPage
      title="VM profiles"
      description="What is migrated: how many VMs, how much memory each, and how the guest uses that memory (idle, written once, or dirtied continuously)."
      create={canOperate ? { href: "/profiles/new", label: "New VM profile" } : null}
      skeletonRows={6}
    >
      <ProfileList canOperate={canOperate} />
    </ListPage>
  );
}

async function ProfileList({ canOperate }: { canOperate: boolean }) {
  const profiles = await listProfiles();
  return (
    <>
      {profiles.length === 0 ? (
        <EmptyState
          title="No VM profiles yet"
          action={canOperate ? <ButtonLink href="/profiles/new">Create a VM profile</ButtonLink> : undefined}
        >
          A profile describes the VMs to migrate; campaigns run each profile over each link.
        </EmptyState>
      ) : (
        <DataTable
          label="VM profiles"
          rows={profiles}
          columns={[
            { header: "Name", className: "font-medium", cell: (p) => p.name },
            { header: "VMs", numeric: true, cell: (p) => p.vmCount },
            { header: "Memory per VM", numeric: true, cell: (p) => formatMemory(p.memoryBytes) },
            { header: "Total memory", numeric: true, cell: (p) => formatMemory(p.memoryBytes * p.vmCount) },
            { header: "vCPUs", numeric: true, cell: (p) => p.vcpuCount },
            { header: "Workload", cell: (p) => p.workload },
            {
              header: "Dirty rate per VM",
              numeric: true,
              cell: (p) => (p.workload === "continuous" ? formatRateBytesPerSec(p.dirtyRateBytesPerSec) : "—"),
            },
            {
              header: "Working set",
              numeric: true,
              cell: (p) => (p.workload === "continuous" ? formatMemory(p.workingSetBytes ?? p.memoryBytes) : "—"),
            },
            { header: "Runs", numeric: true, cell: (p) => p._count.runs },
            {
              header: "",
              cell: (p) =>
                canOperate ? (
                  <RowActions
                    editHref={`/profiles/${p.id}/edit`}
                    deleteAction={deleteProfileAction.bind(null, p.id)}
                    confirmText={`Delete VM profile "${p.name}"?`}
                  />
                ) : null,
            },
          ]}
        />
      )}
    </>
  );
}
