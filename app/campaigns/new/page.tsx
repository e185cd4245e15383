import type { Metadata } from "next";
import Link from "next/link";
import { listLaunchOptions } from "@/lib/db/campaigns";
import { getAdapter } from "@/lib/hypervisors/registry";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button-link";
import { launchCampaignAction } from "./actions";
import { LaunchForm } from "./_components/launch-form";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Launch a campaign" };

type Props = { searchParams: Promise<{ testbed?: string }> };

export default async function NewCampaignPage({ searchParams }: Props) {
  await requirePageRole("operator");
  const [{ testbeds, profiles }, { testbed }] = await Promise.all([listLaunchOptions(), searchParams]);
  const options = testbeds.map((t) => ({ ...t, adapterAvailable: getAdapter(t.hypervisor) !== null }));
  const preferred = options.find((t) => String(t.id) === testbed) ?? options.find((t) => t.adapterAvailable);
  return (
    <>
      <PageHeader
        title="Launch a campaign"
        breadcrumb={<Link href="/campaigns" className="hover:underline">Campaigns</Link>}
        description="Every chosen VM profile migrates over every chosen link, the given number of times. Runs are queued at once and executed by the runner; watch them on the campaign's page."
      />
      {testbeds.length === 0 || profiles.length === 0 ? (
        <EmptyState
          title={testbeds.length === 0 ? "No testbed to run on" : "No VM profile to migrate"}
          action={<ButtonLink href={testbeds.length === 0 ? "/testbeds/new" : "/profiles/new"}>{testbeds.length === 0 ? "Create a testbed" : "Create a VM profile"}</ButtonLink>}
        >
          A campaign needs a testbed with at least one link and at least one VM profile.
        </EmptyState>
      ) : (
        <Card>
          <LaunchForm action={launchCampaignAction} testbeds={options} profiles={profiles} initialTestbedId={preferred?.id} />
        </Card>
      )}
    </>
  );
}
