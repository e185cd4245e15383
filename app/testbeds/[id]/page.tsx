import type { Metadata } from "next";
import { Suspense } from "react";
import { CardSkeleton } from "@/components/ui/skeleton";
import { getTestbed } from "@/lib/db/testbeds";
import { formatGbps, formatMemory } from "@/lib/format/units";
import { usableRateGbps } from "@/lib/model/rates";
import { HYPERVISOR_LABELS, type HypervisorKind } from "@/lib/schemas/testbed";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button-link";
import { ActionButton } from "@/components/ui/action-button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  checkTestbedAction,
  createLinkAction,
  deleteLinkAction,
  deleteTestbedAction,
  setMinEffectAction,
} from "../actions";
import { getAdapter } from "@/lib/hypervisors/registry";
import { hasRole } from "@/lib/auth/roles";
import { AdapterCheckCard } from "./_components/adapter-check-card";
import { LinkForm } from "../_components/link-form";
import { ModelFitCard } from "./_components/model-fit-card";
import { testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { WorkersCard } from "./_components/workers-card";
import { RegressionCard } from "./_components/regression-card";
import { WebhooksCard } from "./_components/webhooks-card";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";
import { DataTable } from "@/components/ui/data-table";
import { seesConnectionSettings } from "@/lib/auth/visibility";
import { LinkPathCell } from "./_components/link-path-cell";
import { RowActions } from "@/components/ui/row-actions";
import { loadFromParams, findFromParams } from "@/lib/http/route-params";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const testbed = await findFromParams(params, getTestbed);
  return { title: testbed?.name ?? "Testbed not found" };
}

export default async function TestbedPage({ params }: Props) {
  const me = await requirePageRole("viewer");
  const isAdmin = hasRole(me.role, "admin");
  const canOperate = seesConnectionSettings(me.role);
  const testbed = await loadFromParams(params, getTestbed);

  return (
    <>
      <PageHeader
        title={testbed.name}
        breadcrumb={{ href: "/testbeds", label: "Testbeds" }}
        description={
          <>
            {HYPERVISOR_LABELS[testbed.hypervisor as HypervisorKind] ?? testbed.hypervisor} · {testbed.sourceHost} →{" "}
            {testbed.destinationHost}
            {testbed.hostMemoryBytes ? ` · ${formatMemory(testbed.hostMemoryBytes)} per host` : ""}
            {` · up to ${testbed.maxConcurrentRuns} concurrent run${testbed.maxConcurrentRuns === 1 ? "" : "s"}`}
            {testbed.linkScale !== 1 ? ` · links emulated at ×${testbed.linkScale}` : ""}
          </>
        }
        actions={
          isAdmin ? (
            <>
              <ButtonLink href={`/testbeds/${testbed.id}/edit`} variant="secondary">
                Edit testbed
              </ButtonLink>
              <ActionButton
                variant="danger"
                pendingLabel="Deleting…"
                action={deleteTestbedAction.bind(null, testbed.id)}
                label="Delete testbed"
                confirmText={`Delete testbed "${testbed.name}" and its links?`}
              />
            </>
          ) : undefined
        }
      />
      {testbed.notes ? <p className="mb-6 max-w-4xl text-sm text-slate-600">{testbed.notes}</p> : null}

      <AdapterCheckCard
        action={hasRole(me.role, "operator") ? checkTestbedAction.bind(null, testbed.id) : null}
        adapterLabel={getAdapter(testbed.hypervisor)?.label ?? null}
        hypervisor={testbed.hypervisor}
      />
      {/* Cards that read more than the testbed stream in after it (the fit reads every measured run). */}
      <Suspense fallback={<CardSkeleton label="model fit" height="h-64" />}>
        <ModelFitCard
          testbedId={testbed.id}
          linkScale={testbed.linkScale}
          downtimeLimitMs={testbedDowntimeLimitMs(testbed.hypervisor, testbed.connectionJson)}
          canApply={isAdmin}
        />
      </Suspense>
      <RegressionCard
        testbedId={testbed.id}
        minEffectPct={testbed.minEffectPct}
        action={hasRole(me.role, "operator") ? setMinEffectAction.bind(null, testbed.id) : null}
      />

      <Card
        title="Links"
        description="Migration network paths. The usable rate is the line rate, or the bus limit when lower."
        className="mb-6"
      >
        {testbed.links.length === 0 ? (
          <EmptyState title="No links yet">
            {isAdmin
              ? "Add the migration network below, e.g. a 10GbE and a 40GbE link to compare."
              : "An admin adds the migration network, e.g. a 10GbE and a 40GbE link to compare."}
          </EmptyState>
        ) : (
          <DataTable
            label="Links"
            density="card"
            rows={testbed.links}
            columns={[
              {
                header: "Name",
                className: "font-medium",
                cell: (link) => (
                  <>
                    {link.name}
                    {link.emulated ? (
                      <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">emulated</span>
                    ) : null}
                  </>
                ),
              },
              { header: "Line rate", numeric: true, cell: (link) => formatGbps(link.lineRateGbps) },
              {
                header: "Bus limit",
                numeric: true,
                cell: (link) => (link.busLimitGbps ? formatGbps(link.busLimitGbps) : "none"),
              },
              {
                header: "Usable rate",
                numeric: true,
                className: "font-medium",
                cell: (link) => (
                  <>
                    {formatGbps(usableRateGbps(link))}
                    {testbed.linkScale !== 1 ? (
                      <span className="block text-xs font-normal text-amber-700">
                        runs at {formatGbps(usableRateGbps(link) * testbed.linkScale)}
                      </span>
                    ) : null}
                  </>
                ),
              },
              {
                header: "NIC / driver / firmware",
                className: "text-slate-600",
                cell: (link) => [link.nicModel, link.driver, link.firmware].filter(Boolean).join(" · ") || "—",
              },
              { header: "MTU", numeric: true, cell: (link) => `${link.mtuBytes} B` },
              {
                header: "Path",
                className: "text-slate-600",
                cell: (link) => <LinkPathCell link={link} kind={testbed.hypervisor} showSettings={canOperate} />,
              },
              {
                header: "Per stream",
                numeric: true,
                cell: (link) =>
                  link.modelStreamCeilingGbps ? `≤ ${formatGbps(link.modelStreamCeilingGbps)}` : "no ceiling",
              },
              {
                header: "PCIe",
                cell: (link) =>
                  link.pcieGeneration ? `Gen${link.pcieGeneration}${link.pcieLanes ? ` x${link.pcieLanes}` : ""}` : "—",
              },
              { header: "Runs", numeric: true, cell: (link) => link._count.runs },
              {
                header: "",
                cell: (link) =>
                  isAdmin ? (
                    <RowActions
                      editHref={`/testbeds/${testbed.id}/links/${link.id}/edit`}
                      deleteAction={deleteLinkAction.bind(null, testbed.id, link.id)}
                      confirmText={`Delete link "${link.name}"?`}
                    />
                  ) : null,
              },
            ]}
          />
        )}
      </Card>

      {isAdmin ? (
        <Card title="Add a link" className="mb-6">
          <LinkForm
            action={createLinkAction.bind(null, testbed.id)}
            submitLabel="Add link"
            hypervisor={testbed.hypervisor}
          />
        </Card>
      ) : null}
      <Suspense fallback={<CardSkeleton label="webhooks" />}>
        <WebhooksCard testbedId={testbed.id} isAdmin={isAdmin} />
      </Suspense>
      <Suspense fallback={<CardSkeleton label="workers" />}>
        <WorkersCard testbedId={testbed.id} />
      </Suspense>
    </>
  );
}
