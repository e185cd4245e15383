import "server-only";
import { db } from "./client";
import { listSelectionRunIds, RUN_SELECT, type SelectedRun, type Selection } from "./compare";
import { Prisma } from "@/lib/generated/prisma/client";
import { METRIC_KEYS } from "@/lib/model/metrics";

/** The registry's metric columns, quoted, for the raw export query. */
const METRIC_COLUMNS_SQL = Prisma.raw(METRIC_KEYS.map((k) => `"${k}"`).join(", "));

/* The runs exports stream: a comparison's side, a campaign's runs — a page at a time, in constant memory. */

/** Every run of a side in export shape, 500 at a time. */
export async function* iterateSelectionRuns(sel: Selection) {
  let after = 0;
  for (;;) {
    const ids = await listSelectionRunIds(sel, { after });
    if (!ids.length) return;
    yield await db.run.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: RUN_SELECT });
    after = ids[ids.length - 1];
  }
}

type ExportRunRow = Omit<SelectedRun, "campaign" | "link" | "profile"> & { linkId: number; profileId: number };
type ExportCampaign = SelectedRun["campaign"];

/**
 * Every run of a campaign for export (all statuses), 1,000 at a time with the campaign and the
 * links and profiles they use (each loaded once): exports stream them in constant memory.
 */
export async function* iterateCampaignRunsForExport({ campaignId }: { campaignId: number }): AsyncGenerator<{
  runs: ExportRunRow[];
  campaign: ExportCampaign;
  links: Map<number, SelectedRun["link"]>;
  profiles: Map<number, SelectedRun["profile"]>;
}> {
  const [campaign, links, profiles] = await Promise.all([
    db.campaign.findUnique({ where: { id: campaignId }, select: RUN_SELECT.campaign.select }),
    db.link.findMany({ where: { runs: { some: { campaignId } } }, select: RUN_SELECT.link.select }),
    db.vmProfile.findMany({ where: { runs: { some: { campaignId } } }, select: RUN_SELECT.profile.select }),
  ]);
  if (!campaign) return;
  const page = {
    campaign,
    links: new Map(links.map((l) => [l.id, l])),
    profiles: new Map(profiles.map((p) => [p.id, p])),
  };
  let after = 0;
  for (;;) {
    // A plain ordered query over Run(campaignId, id), only the runs' own columns.
    // Every metric of the registry, by its column (metric keys are fixed identifiers, not input).
    const runs = await db.$queryRaw<ExportRunRow[]>`
      SELECT "id", "iteration", "status", "adapter", ${METRIC_COLUMNS_SQL}, "precopyRounds",
        "dirtyRateBytesPerSec", "errorReason", "startedAt", "finishedAt", "settingsJson", "sweepVariable", "sweepValue", "linkId", "profileId"
      FROM "Run" WHERE "campaignId" = ${campaignId} AND "id" > ${after} ORDER BY "id" LIMIT 1000`;
    if (!runs.length) return;
    yield { ...page, runs };
    after = runs[runs.length - 1].id;
  }
}
