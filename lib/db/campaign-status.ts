import "server-only";
import { db } from "./client";
import type { CampaignStatus } from "@/lib/model/vocabulary";

const IMPORTED_STATUS: CampaignStatus = "imported";

/** The status a campaign's runs give it now, and whether that finishes it (null: missing or imported). */
export type StatusFromRuns = { status: CampaignStatus; finishing: boolean; finishedAt: Date | null };

/**
 * A campaign's status follows its runs: running while any runs, queued while all wait, cancelled
 * when all were cancelled, failed when none succeeded, completed otherwise. Imported campaigns keep
 * theirs (null). `finishing`: the runs say finished and the campaign is not yet.
 */
export async function statusFromRuns({ campaignId }: { campaignId: number }): Promise<StatusFromRuns | null> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true, finishedAt: true },
  });
  if (!campaign || campaign.status === IMPORTED_STATUS) return null;
  const groups = await db.run.groupBy({ by: ["status"], where: { campaignId }, _count: { _all: true } });
  const n = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
  const total = groups.reduce((a, g) => a + g._count._all, 0);
  let status: CampaignStatus;
  if (n("running") > 0) status = "running";
  else if (n("queued") > 0) status = total > n("queued") ? "running" : "queued";
  else if (total > 0 && n("cancelled") === total) status = "cancelled";
  else if (total > 0 && n("succeeded") === 0) status = "failed";
  else status = "completed";
  const done = status === "completed" || status === "failed" || status === "cancelled";
  return { status, finishing: done && !campaign.finishedAt, finishedAt: done ? campaign.finishedAt : null };
}

/**
 * Stores a campaign's status. A finishing one is stored only if no one finished it meanwhile (two
 * workers ending its last runs at once): returns true for the one write that finished it.
 */
export async function storeCampaignStatus({
  campaignId,
  status,
  finishing,
  finishedAt,
}: StatusFromRuns & { campaignId: number }): Promise<boolean> {
  if (finishing) {
    const { count } = await db.campaign.updateMany({
      where: { id: campaignId, finishedAt: null },
      data: { status, finishedAt: new Date() },
    });
    return count === 1;
  }
  await db.campaign.update({ where: { id: campaignId }, data: { status, finishedAt } });
  return false;
}
