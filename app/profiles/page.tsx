import type { Metadata } from "next";
import { Suspense } from "react";
import { ListSkeleton } from "@/components/ui/skeleton";
import Link from "next/link";
import { listProfiles } from "@/lib/db/profiles";
import { formatMemory, formatRateBytesPerSec } from "@/lib/format/units";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button-link";
import { ActionButton } from "@/components/ui/action-button";
import { EmptyState } from "@/components/ui/empty-state";
import { deleteProfileAction } from "./actions";
import { hasRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "VM profiles" };

export default async function ProfilesPage() {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  return (
    <>
      <PageHeader
        title="VM profiles"
        description="What is migrated: how many VMs, how much memory each, and how the guest uses that memory (idle, written once, or dirtied continuously)."
        actions={canOperate ? <ButtonLink href="/profiles/new">New VM profile</ButtonLink> : undefined}
      />
      <Suspense fallback={<ListSkeleton rows={6} />}>
        <ProfileList canOperate={canOperate} />
      </Suspense>
    </>
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
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2 text-right">VMs</th>
                <th className="px-4 py-2 text-right">Memory per VM</th>
                <th className="px-4 py-2 text-right">Total memory</th>
                <th className="px-4 py-2 text-right">vCPUs</th>
                <th className="px-4 py-2">Workload</th>
                <th className="px-4 py-2 text-right">Dirty rate per VM</th>
                <th className="px-4 py-2 text-right">Working set</th>
                <th className="px-4 py-2 text-right">Runs</th>
                <th className="px-4 py-2"></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {profiles.map((p) => (
                <tr key={p.id} className="hover:bg-slate-50">
                  <td className="px-4 py-2 font-medium">{p.name}</td>
                  <td className="num px-4 py-2 text-right">{p.vmCount}</td>
                  <td className="num px-4 py-2 text-right">{formatMemory(p.memoryBytes)}</td>
                  <td className="num px-4 py-2 text-right">{formatMemory(p.memoryBytes * p.vmCount)}</td>
                  <td className="num px-4 py-2 text-right">{p.vcpuCount}</td>
                  <td className="px-4 py-2">{p.workload}</td>
                  <td className="num px-4 py-2 text-right">
                    {p.workload === "continuous" ? formatRateBytesPerSec(p.dirtyRateBytesPerSec) : "—"}
                  </td>
                  <td className="num px-4 py-2 text-right">
                    {p.workload === "continuous" ? formatMemory(p.workingSetBytes ?? p.memoryBytes) : "—"}
                  </td>
                  <td className="num px-4 py-2 text-right">{p._count.runs}</td>
                  <td className="px-4 py-2">
                    {canOperate ? (
                      <div className="flex items-start justify-end gap-2">
                        <Link
                          href={`/profiles/${p.id}/edit`}
                          className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm hover:bg-slate-50"
                        >
                          Edit
                        </Link>
                        <ActionButton
                          variant="danger"
                          pendingLabel="Deleting…"
                          action={deleteProfileAction.bind(null, p.id)}
                          label="Delete"
                          confirmText={`Delete VM profile "${p.name}"?`}
                        />
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
