import type { Metadata } from "next";
import { getLaunchOptions } from "@/lib/db/launch-options";
import { idInput } from "@/lib/schemas/fields";
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
  const { testbed: asked } = await searchParams;
  // ?testbed=<id> preselects a testbed (the testbed page links here); anything else is ignored.
  const testbedId = idInput("form", "").safeParse(asked);
  const { testbed, profiles, testbedCount, profileCount } = await getLaunchOptions({
    testbedId: testbedId.success ? testbedId.data : undefined,
  });
  return (
    <>
      <PageHeader
        title="Launch a campaign"
        breadcrumb={{ href: "/campaigns", label: "Campaigns" }}
        description="Every chosen VM profile migrates over every chosen link, the given number of times. Runs are queued at once and executed by the runner; watch them on the campaign's page."
      />
      {!testbed || profiles.length === 0 ? (
        <EmptyState
          title={!testbed ? "No testbed to run on" : "No VM profile to migrate"}
          action={
            <ButtonLink href={!testbed ? "/testbeds/new" : "/profiles/new"}>
              {!testbed ? "Create a testbed" : "Create a VM profile"}
            </ButtonLink>
          }
        >
          A campaign needs a testbed with at least one link and at least one VM profile.
        </EmptyState>
      ) : (
        <Card>
          <LaunchForm
            action={launchCampaignAction}
            initialTestbed={{ ...testbed, adapterAvailable: getAdapter(testbed.hypervisor) !== null }}
            profiles={profiles}
            testbedCount={testbedCount}
            profileCount={profileCount}
          />
        </Card>
      )}
    </>
  );
}
