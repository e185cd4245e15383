import "server-only";
import { db } from "./client";
import type { CampaignStatus } from "@/lib/model/vocabulary";

const IMPORTED_STATUS: CampaignStatus = "imported";

/**
 * A campaign's status follows its runs: running while any runs, queued while all wait, cancelled
 * when all were cancelled, failed when none succeeded, completed otherwise. Called by the runner
 * whenever a run changes state and by cancels and re-runs. Imported campaigns keep theirs.
 */
export async function refreshCampaignStatus({ campaignId }: { campaignId: number }) {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true, finishedAt: true },
  });
  if (!campaign || campaign.status === IMPORTED_STATUS) return;
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
  await db.campaign.update({
    where: { id: campaignId },
    data: { status, finishedAt: done ? (campaign.finishedAt ?? new Date()) : null },
  });
}
