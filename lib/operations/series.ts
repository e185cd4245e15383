import "server-only";
import { linkNameOf, named, profileNameOf } from "@/lib/db/audit-names";
import { clearSeriesBaseline, setCampaignBaseline, setComparisonBaseline, type SeriesKey } from "@/lib/db/series";
import { setTestbedMinEffect } from "@/lib/db/testbeds";
import { audited } from "@/lib/auth/audit";
import { auditActorOf, type Principal } from "@/lib/auth/principal";

/*
 * Baselines and the minimum effect, each change with its audit row, for the pages' buttons and the
 * JSON API alike. The caller has already checked that the principal is an operator.
 */

const setByOf = (principal: Principal) => auditActorOf(principal).actorLabel;

/** Marks a finished campaign as the baseline of the series it covers. */
export async function markCampaignBaselineAs(principal: Principal, id: number) {
  return audited(principal, await setCampaignBaseline({ campaignId: id, setBy: setByOf(principal) }), (value) => ({
    action: "baseline.set",
    targetType: "campaign",
    targetId: id,
    summary: `Marked “${value.name}” as the baseline of ${value.series} series (${value.runs} runs)`,
    details: value,
  }));
}

/** Marks a saved comparison's baseline side as the baseline of the series it covers. */
export async function markComparisonBaselineAs(principal: Principal, slug: string) {
  return audited(principal, await setComparisonBaseline({ slug, setBy: setByOf(principal) }), (value) => ({
    action: "baseline.set",
    targetType: "comparison",
    targetId: slug,
    summary: `Marked the baseline side of “${value.title}” as the baseline of ${value.series} series (${value.runs} runs)`,
    details: value,
  }));
}

/** Removes a series' baseline. */
export async function clearSeriesBaselineAs(principal: Principal, key: SeriesKey) {
  const link = named(await linkNameOf(key.linkId), key.linkId);
  const profile = named(await profileNameOf(key.profileId), key.profileId);
  return audited(principal, await clearSeriesBaseline(key), () => ({
    action: "baseline.clear",
    targetType: "series",
    targetId: `${key.linkId}-${key.profileId}`,
    summary: `Removed the baseline of the series link ${link} × VM profile ${profile}`,
  }));
}

/** Sets the minimum effect of a testbed's verdicts. */
export async function setMinEffectAs(principal: Principal, testbedId: number, minEffectPct: number) {
  return audited(principal, await setTestbedMinEffect({ id: testbedId, minEffectPct }), (value) => ({
    action: "testbed.min-effect",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Minimum effect of “${value.name}” set to ${value.minEffectPct}%`,
  }));
}
