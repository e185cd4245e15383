import "server-only";
import { isUniqueViolation } from "@/lib/db/errors";
import {
  activeStatusOfLastCampaign,
  campaignOfFiring,
  firingKey,
  listDueSchedules,
  recordFiring,
  type DueSchedule,
  type Firing,
} from "@/lib/db/schedules";
import { sweepFromJson, variantsFromJson } from "@/lib/model/migration-settings";
import { launchCampaignRuns } from "./campaigns";

/**
 * Fires the schedules that are due at `now` (of the given testbeds; null: all): launches the
 * campaign, or skips it while the schedule's previous campaign is still queued or running, or
 * records why the launch was refused (a link or profile since deleted, a setting the testbed can no
 * longer apply). Exactly once per due time: the campaign carries the firing's key (unique), and the
 * schedule moves on — with the firing's outcome recorded in the same transaction — only after the
 * campaign exists; a launch that fails (a locked table, a lost connection) leaves the schedule due, and
 * the next pass, by any runner, tries again with the same key. A schedule whose launch fails for a
 * reason of the database is left out of the result (it is still due).
 */
export async function fireDueSchedules({
  testbedIds,
  now = new Date(),
  log = () => {},
}: {
  testbedIds: number[] | null;
  now?: Date;
  log?: (message: string) => void;
}): Promise<Firing[]> {
  const firings: Firing[] = [];
  for (const s of await listDueSchedules({ testbedIds, now })) {
    const dueAt = s.nextRunAt!;
    let firing: Firing;
    try {
      firing = await fire(s, dueAt, firingKey(s.id, dueAt));
    } catch (error) {
      log(
        `schedule #${s.id} (due ${dueAt.toISOString()}): not launched yet, tried again on the next pass: ${(error as Error).message.split("\n").filter(Boolean).at(-1)}`,
      );
      continue;
    }
    if (await recordFiring({ schedule: s, dueAt, now, firing })) firings.push(firing);
  }
  return firings;
}

/** What one firing does: finds the campaign an earlier try made, skips, or launches with the firing's key. */
async function fire(s: DueSchedule, dueAt: Date, key: string): Promise<Firing> {
  const made = await campaignOfFiring(key);
  if (made) return { scheduleId: s.id, outcome: "launched", campaignId: made };
  const running = await activeStatusOfLastCampaign(s);
  if (running)
    return { scheduleId: s.id, outcome: "skipped", reason: `campaign #${s.lastCampaignId} was still ${running}` };
  try {
    const launched = await launchCampaignRuns(
      {
        name: `${s.name} · ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
        testbedId: s.testbedId,
        linkIds: JSON.parse(s.linkIdsJson) as number[],
        profileIds: JSON.parse(s.profileIdsJson) as number[],
        iterations: s.iterations,
        timeScale: s.timeScale,
        variants: variantsFromJson(s.variantsJson),
        sweep: sweepFromJson(s.sweepJson),
      },
      { scheduleId: s.id, key },
    );
    return launched.ok
      ? { scheduleId: s.id, outcome: "launched", campaignId: launched.value.id }
      : { scheduleId: s.id, outcome: "refused", reason: launched.message };
  } catch (error) {
    // Another runner launched this very firing a moment ago: it is that campaign.
    if (!isUniqueViolation(error)) throw error;
    const other = await campaignOfFiring(key);
    if (other === null) throw error;
    return { scheduleId: s.id, outcome: "launched", campaignId: other };
  }
}
