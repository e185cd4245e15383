import "server-only";
import { db } from "./client";

const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"] as const;
export type RunStatusCounts = Record<(typeof RUN_STATUSES)[number], number> & { total: number };

async function statusCountsByCampaign(campaignIds: number[]): Promise<Map<number, RunStatusCounts>> {
  const groups = await db.run.groupBy({
    by: ["campaignId", "status"],
    where: { campaignId: { in: campaignIds } },
    _count: { _all: true },
  });
  const out = new Map<number, RunStatusCounts>();
  for (const id of campaignIds) {
    out.set(id, { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, interrupted: 0, total: 0 });
  }
  for (const g of groups) {
    const counts = out.get(g.campaignId)!;
    if ((RUN_STATUSES as readonly string[]).includes(g.status)) counts[g.status as keyof RunStatusCounts] += g._count._all;
    counts.total += g._count._all;
  }
  return out;
}

/** Campaigns, newest first, with their testbed and run counts by status. */
export async function listCampaigns({ take }: { take?: number } = {}) {
  const campaigns = await db.campaign.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      name: true,
      status: true,
      source: true,
      createdAt: true,
      finishedAt: true,
      testbed: { select: { id: true, name: true, hypervisor: true } },
    },
  });
  const counts = await statusCountsByCampaign(campaigns.map((c) => c.id));
  return campaigns.map((c) => ({ ...c, counts: counts.get(c.id)! }));
}

/** One campaign with its testbed and every run (link, profile and metrics); null when missing. */
export async function getCampaign({ id }: { id: number }) {
  const campaign = await db.campaign.findUnique({
    where: { id },
    include: {
      testbed: { select: { id: true, name: true, hypervisor: true, sourceHost: true, destinationHost: true } },
      runs: {
        orderBy: [{ linkId: "asc" }, { profileId: "asc" }, { iteration: "asc" }],
        select: {
          id: true,
          iteration: true,
          status: true,
          adapter: true,
          errorReason: true,
          durationMs: true,
          downtimeMs: true,
          transferredBytes: true,
          throughputGbps: true,
          precopyRounds: true,
          finishedAt: true,
          link: { select: { id: true, name: true, lineRateGbps: true, busLimitGbps: true, emulated: true } },
          profile: { select: { id: true, name: true, vmCount: true, memoryBytes: true, workload: true } },
        },
      },
    },
  });
  if (!campaign) return null;
  const counts = (await statusCountsByCampaign([id])).get(id)!;
  return { ...campaign, counts };
}
