import type { Metadata } from "next";
import { idInput } from "@/lib/schemas/fields";
import { getAdapter } from "@/lib/hypervisors/registry";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button-link";
import { launchCampaignAction } from "./actions";
import { LaunchForm } from "./_components/launch-form";
import { whatIfPrefill } from "./_components/what-if-prefill";
import { requirePageRole } from "@/lib/auth/guard";
import Link from "next/link";
import { getLaunchOptions, getLaunchSource } from "@/lib/db/launch-options";
import { sweepFromJson, variantsFromJson } from "@/lib/model/migration-settings";

export const metadata: Metadata = { title: "Launch a campaign" };

type Props = { searchParams: Promise<{ testbed?: string; from?: string; whatif?: string }> };

export default async function NewCampaignPage({ searchParams }: Props) {
  await requirePageRole("operator");
  const { testbed: asked, from, whatif } = await searchParams;
  // ?testbed=<id> preselects a testbed (the testbed page links here); anything else is ignored.
  const testbedId = idInput("form", "").safeParse(asked);
  // ?from=<campaign id> ("Launch again" on a campaign page) fills the form in from that campaign. Every
  // signed-in role reads every campaign, so an operator may clone any; one that is gone or imported is
  // explained and the form starts from the defaults. Nothing is written here: only the submit launches.
  const cloned = from === undefined ? null : await launchSourceOf(from);
  const source = cloned?.ok ? cloned.source : null;
  // ?whatif=<a what-if question> (the planner's "Launch as a campaign") fills it in from the question.
  const planned = !source && typeof whatif === "string" ? await whatIfPrefill(whatif) : null;
  const { testbed, profiles, testbedCount, profileCount } = await getLaunchOptions({
    testbedId: source?.testbedId ?? planned?.testbedId ?? (testbedId.success ? testbedId.data : undefined),
    profileIds: source?.profileIds ?? planned?.profileIds,
  });
  const usable = source && testbed?.id === source.testbedId ? source : null;
  const missingLinks = usable ? usable.linkIds.filter((id) => !testbed!.links.some((l) => l.id === id)).length : 0;
  const missingProfiles = usable ? usable.profileIds.filter((id) => !profiles.some((p) => p.id === id)).length : 0;
  return (
    <>
      <PageHeader
        title="Launch a campaign"
        breadcrumb={{ href: "/campaigns", label: "Campaigns" }}
        description="Every chosen VM profile migrates over every chosen link, the given number of times. Runs are queued at once and executed by the runner; watch them on the campaign's page."
      />
      {cloned && !cloned.ok ? (
        <p
          role="status"
          className="mb-4 max-w-4xl rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {cloned.message} The form starts from the defaults.
        </p>
      ) : usable ? (
        <p
          role="status"
          className="mb-4 max-w-4xl rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900"
        >
          Filled in from{" "}
          <Link href={`/campaigns/${usable.id}`} prefetch={false} className="font-medium underline">
            {usable.name}
          </Link>
          : its testbed, links, VM profiles, iterations, settings variants and sweep. Change anything, then launch —
          nothing is queued until you do.
          {missingLinks || missingProfiles
            ? ` ${[
                missingLinks ? `${missingLinks} of its links no longer exist${missingLinks === 1 ? "s" : ""}` : "",
                missingProfiles
                  ? `${missingProfiles} of its VM profiles no longer exist${missingProfiles === 1 ? "s" : ""}`
                  : "",
              ]
                .filter(Boolean)
                .join(" and ")} and ${missingLinks + missingProfiles === 1 ? "is" : "are"} left out.`
            : ""}
        </p>
      ) : planned && testbed?.id === planned.testbedId ? (
        <p
          role="status"
          className="mb-4 max-w-4xl rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900"
        >
          Filled in from a{" "}
          <Link href={`/what-if?${whatif}`} prefetch={false} className="font-medium underline">
            what-if question
          </Link>
          : its testbed, link, VM profile and strategy, and what it changed of the profile as a one-value sweep. Launch
          it to measure what the model predicted; the campaign page then shows the model against the result.{" "}
          {planned.notes.join(" ")}
        </p>
      ) : null}
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
            prefill={
              usable ? prefillOf(usable) : planned && testbed.id === planned.testbedId ? planned.prefill : undefined
            }
          />
        </Card>
      )}
    </>
  );
}

type LaunchSource = NonNullable<Awaited<ReturnType<typeof getLaunchSource>>>;

/** The campaign `?from=` names, or why the form cannot start from it. */
async function launchSourceOf(
  from: string,
): Promise<{ ok: true; source: LaunchSource } | { ok: false; message: string }> {
  const id = idInput("form", "").safeParse(from);
  if (!id.success) return { ok: false, message: "The campaign to launch again is not a campaign id." };
  const source = await getLaunchSource({ campaignId: id.data });
  if (!source) return { ok: false, message: `Campaign #${id.data} does not exist (any more).` };
  if (source.status === "imported")
    return {
      ok: false,
      message: `“${source.name}” was imported, not run here, so there is nothing to launch again.`,
    };
  return { ok: true, source };
}

/** A campaign's settings as the form's submitted values (the shape a refused launch comes back in). */
function prefillOf(source: LaunchSource): Record<string, string> {
  const sweep = sweepFromJson(source.sweepJson);
  return {
    name: `${source.name} (again)`.slice(0, 200),
    testbedId: String(source.testbedId),
    linkIds: source.linkIds.join(","),
    profileIds: source.profileIds.join(","),
    iterations: String(source.iterations),
    timeScale: String(source.timeScale),
    variants: JSON.stringify(variantsFromJson(source.variantsJson)),
    sweep: sweep ? JSON.stringify(sweep) : "",
  };
}
