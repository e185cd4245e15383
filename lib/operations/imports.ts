import "server-only";
import { audit } from "@/lib/auth/audit";
import { hasRole } from "@/lib/auth/roles";
import type { Principal } from "@/lib/auth/principal";
import { importRuns } from "@/lib/db/imports";
import type { ImportRow } from "@/lib/schemas/import";
import { judgeArrivedCampaign } from "./campaign-progress";

/** Links or profiles an import creates that get an audit row each; the rest get one row that counts them. */
const AUDITED_ONE_BY_ONE = 20;

/** Whether an import by this principal may add links and VM profiles: only an admin's, as by hand. */
export const mayCreateThroughImport = (principal: Principal) => hasRole(principal.role, "admin");

/**
 * Imports finished runs as a campaign (all rows or none), judges them against their series'
 * baselines, and audits the import and the links and profiles it created. The caller has checked
 * the principal's role and every row; a link or profile that a non-admin's import would add refuses
 * the whole import here, whatever the caller checked.
 */
export async function importCampaignAs(
  principal: Principal,
  target: { testbedId: number; name: string; source: string; format: string; rows: ImportRow[] },
) {
  const result = await importRuns({ ...target, canCreate: mayCreateThroughImport(principal) });
  if (!result.ok) return result;
  // Results that arrive by import are compared with their series' baselines like finished campaigns.
  await judgeArrivedCampaign(result.value.campaignId);
  const { testbedName, createdLinks, createdProfiles } = result.value;
  await audit(principal, {
    action: "campaign.import",
    targetType: "campaign",
    targetId: result.value.campaignId,
    summary: `Imported ${result.value.runCount} runs as “${target.name}” into testbed “${testbedName}” (#${target.testbedId})`,
    details: {
      rows: result.value.runCount,
      format: target.format,
      source: target.source.slice(0, 200),
      createdLinks: createdLinks.map((l) => l.name),
      createdProfiles: createdProfiles.map((p) => p.name),
    },
  });
  // What the import added to the testbed is audited as if added by hand: a row each for the first ones,
  // then one that counts the rest (a file may name thousands).
  const each = <T extends { id: number; name: string }>(
    items: T[],
    row: (item: T) => Parameters<typeof audit>[1],
    rest: (count: number) => Parameters<typeof audit>[1],
  ) =>
    Promise.all([
      ...items.slice(0, AUDITED_ONE_BY_ONE).map((item) => audit(principal, row(item))),
      ...(items.length > AUDITED_ONE_BY_ONE ? [audit(principal, rest(items.length - AUDITED_ONE_BY_ONE))] : []),
    ]);
  const where = `testbed “${testbedName}” (#${target.testbedId})`;
  await each(
    createdLinks,
    (link) => ({
      action: "link.create",
      targetType: "link",
      targetId: link.id,
      summary: `Added link “${link.name}” to ${where} with the import “${target.name}”`,
    }),
    (count) => ({
      action: "link.create",
      targetType: "testbed",
      targetId: target.testbedId,
      summary: `Added ${count} more links to ${where} with the import “${target.name}”`,
      details: { links: createdLinks.slice(AUDITED_ONE_BY_ONE, AUDITED_ONE_BY_ONE + 1000).map((l) => l.name) },
    }),
  );
  await each(
    createdProfiles,
    (profile) => ({
      action: "profile.create",
      targetType: "profile",
      targetId: profile.id,
      summary: `Created VM profile “${profile.name}” with the import “${target.name}”`,
    }),
    (count) => ({
      action: "profile.create",
      targetType: "campaign",
      targetId: result.value.campaignId,
      summary: `Created ${count} more VM profiles with the import “${target.name}”`,
      details: { profiles: createdProfiles.slice(AUDITED_ONE_BY_ONE, AUDITED_ONE_BY_ONE + 1000).map((p) => p.name) },
    }),
  );
  return result;
}
