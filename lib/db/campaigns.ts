import "server-only";
import { randomInt } from "node:crypto";
import { db } from "./client";
import type { WriteResult } from "./errors";
import type { LaunchCampaignInput } from "@/lib/schemas/campaign";

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

/**
 * A page of campaigns, newest first, with their testbed and run counts by status. `before` is the
 * id to continue after (the `next` of the previous page); run counts are grouped for this page only.
 */
export async function listCampaigns({ take = 50, before }: { take?: number; before?: number } = {}) {
  const rows = await db.campaign.findMany({
    where: before ? { id: { lt: before } } : {},
    orderBy: { id: "desc" },
    take: take + 1,
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
  const campaigns = rows.slice(0, take);
  const counts = await statusCountsByCampaign(campaigns.map((c) => c.id));
  return { items: campaigns.map((c) => ({ ...c, counts: counts.get(c.id)! })), next: rows.length > take ? campaigns[campaigns.length - 1].id : null };
}

/** One campaign with its testbed and every run (link, profile and metrics); null when missing. */
export async function getCampaign({ id }: { id: number }) {
  const campaign = await db.campaign.findUnique({
    where: { id },
    include: {
      testbed: { select: { id: true, name: true, hypervisor: true, sourceHost: true, destinationHost: true, linkScale: true } },
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
          attempt: true,
          link: { select: { id: true, name: true, lineRateGbps: true, busLimitGbps: true, emulated: true, modelEfficiency: true, modelSetupMs: true } },
          profile: {
            select: { id: true, name: true, vmCount: true, memoryBytes: true, workload: true, dirtyRateBytesPerSec: true, workingSetBytes: true },
          },
        },
      },
    },
  });
  if (!campaign) return null;
  const counts = (await statusCountsByCampaign([id])).get(id)!;
  return { ...campaign, counts };
}

/**
 * Creates a campaign and all its runs as queued, in one transaction: either every run of the
 * matrix is written or none is. Runs are ordered iteration by iteration so early results cover
 * every cell.
 */
export async function createCampaignWithRuns({ data }: { data: LaunchCampaignInput }): Promise<WriteResult<{ id: number; runCount: number }>> {
  const testbed = await db.testbed.findUnique({ where: { id: data.testbedId }, select: { id: true, hypervisor: true, links: { select: { id: true } } } });
  if (!testbed) return { ok: false, message: "This testbed does not exist", field: "testbedId" };
  const own = new Set(testbed.links.map((l) => l.id));
  const foreign = data.linkIds.filter((id) => !own.has(id));
  if (foreign.length) return { ok: false, message: `Link${foreign.length > 1 ? "s" : ""} ${foreign.map((i) => `#${i}`).join(", ")} ${foreign.length > 1 ? "do" : "does"} not belong to this testbed`, field: "linkIds" };
  const profiles = await db.vmProfile.findMany({ where: { id: { in: data.profileIds } }, select: { id: true } });
  const missing = data.profileIds.filter((id) => !profiles.some((p) => p.id === id));
  if (missing.length) return { ok: false, message: `VM profile${missing.length > 1 ? "s" : ""} ${missing.map((i) => `#${i}`).join(", ")} ${missing.length > 1 ? "do" : "does"} not exist`, field: "profileIds" };

  const runs: { iteration: number; linkId: number; profileId: number }[] = [];
  for (let iteration = 1; iteration <= data.iterations; iteration++) {
    for (const linkId of data.linkIds) for (const profileId of data.profileIds) runs.push({ iteration, linkId, profileId });
  }
  const id = await db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: { name: data.name, testbedId: data.testbedId, iterations: data.iterations, timeScale: data.timeScale, status: "queued" },
      select: { id: true },
    });
    await tx.run.createMany({
      data: runs.map((r) => ({
        ...r,
        campaignId: campaign.id,
        status: "queued",
        adapter: testbed.hypervisor,
        seed: randomInt(0, 2 ** 31 - 1),
      })),
    });
    return campaign.id;
  });
  return { ok: true, value: { id, runCount: runs.length } };
}

/** Testbeds with their links (and model parameters) for the launch form. */
export async function listLaunchOptions() {
  const [testbeds, profiles] = await Promise.all([
    db.testbed.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        hypervisor: true,
        maxConcurrentRuns: true,
        linkScale: true,
        links: {
          orderBy: { lineRateGbps: "asc" },
          select: { id: true, name: true, lineRateGbps: true, busLimitGbps: true, emulated: true, modelEfficiency: true, modelSetupMs: true },
        },
      },
    }),
    db.vmProfile.findMany({
      orderBy: [{ vmCount: "asc" }, { memoryBytes: "asc" }, { name: "asc" }],
      select: { id: true, name: true, memoryBytes: true, vmCount: true, workload: true, dirtyRateBytesPerSec: true, workingSetBytes: true },
    }),
  ]);
  return { testbeds, profiles };
}
