import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import {
  WHITEPAPER_CAMPAIGN,
  WHITEPAPER_LINKS,
  WHITEPAPER_PROFILES,
  WHITEPAPER_RESULTS,
  WHITEPAPER_SOURCE,
  WHITEPAPER_TESTBED,
  REPLICA_LINKS,
  REPLICA_TESTBED,
  LOCAL_QEMU_LINKS,
  LOCAL_QEMU_PROFILES,
  LOCAL_QEMU_TESTBED,
  whitepaperProfileName,
} from "@/lib/reference/whitepaper";

/**
 * Loads the reference data. Idempotent: existing rows (matched by name) are left as the user
 * edited them and nothing is duplicated; only what is missing is created.
 */
export async function seedReferenceData(db: PrismaClient) {
  const testbed = await db.testbed.upsert({
    where: { name: WHITEPAPER_TESTBED.name },
    update: {},
    create: WHITEPAPER_TESTBED,
  });

  const links = {} as Record<keyof typeof WHITEPAPER_LINKS, { id: number }>;
  for (const [key, link] of Object.entries(WHITEPAPER_LINKS) as [
    keyof typeof WHITEPAPER_LINKS,
    (typeof WHITEPAPER_LINKS)[keyof typeof WHITEPAPER_LINKS],
  ][]) {
    links[key] = await db.link.upsert({
      where: { testbedId_name: { testbedId: testbed.id, name: link.name } },
      update: {},
      create: { ...link, testbedId: testbed.id },
    });
  }

  const profileIds = new Map<string, number>();
  for (const profile of WHITEPAPER_PROFILES) {
    const row = await db.vmProfile.upsert({ where: { name: profile.name }, update: {}, create: profile });
    profileIds.set(profile.name, row.id);
  }

  const campaign =
    (await db.campaign.findFirst({ where: { name: WHITEPAPER_CAMPAIGN.name, testbedId: testbed.id } })) ??
    (await db.campaign.create({ data: { ...WHITEPAPER_CAMPAIGN, testbedId: testbed.id, finishedAt: new Date() } }));

  let createdRuns = 0;
  for (const result of WHITEPAPER_RESULTS) {
    const linkId = links[result.link].id;
    const profileId = profileIds.get(whitepaperProfileName(1, 16, result.workload))!;
    const exists = await db.run.findFirst({ where: { campaignId: campaign.id, linkId, profileId, iteration: 1 } });
    if (exists) continue;
    await db.run.create({
      data: {
        campaignId: campaign.id,
        linkId,
        profileId,
        iteration: 1,
        status: "succeeded",
        adapter: "imported",
        durationMs: result.timeSec * 1000,
        transferredBytes: (result.dataSizeGb * 1e9) / 8,
        // The published bandwidth column, as printed (not recomputed from size and time).
        throughputGbps: result.bandwidthGbps,
        finishedAt: campaign.finishedAt,
        rawStatsJson: JSON.stringify({
          source: WHITEPAPER_SOURCE,
          publishedBandwidthGbps: result.bandwidthGbps,
          publishedTimeSec: result.timeSec,
          publishedDataSizeGb: result.dataSizeGb,
        }),
      },
    });
    createdRuns++;
  }
  // The simulated whitepaper replica and the local QEMU pair, with their links, unless already there.
  const ensureTestbed = async (
    testbed: Prisma.TestbedCreateInput,
    links: readonly Omit<Prisma.LinkCreateManyInput, "testbedId">[],
  ) => {
    const row = await db.testbed.upsert({ where: { name: testbed.name }, update: {}, create: testbed });
    for (const link of links) {
      const where = { testbedId_name: { testbedId: row.id, name: link.name } };
      await db.link.upsert({ where, update: {}, create: { ...link, testbedId: row.id } });
    }
    return row;
  };
  const replica = await ensureTestbed(REPLICA_TESTBED, REPLICA_LINKS);
  const local = await ensureTestbed(LOCAL_QEMU_TESTBED, LOCAL_QEMU_LINKS);
  for (const profile of LOCAL_QEMU_PROFILES) {
    await db.vmProfile.upsert({ where: { name: profile.name }, update: {}, create: profile });
  }

  return {
    testbedId: testbed.id,
    replicaTestbedId: replica.id,
    localTestbedId: local.id,
    campaignId: campaign.id,
    createdRuns,
  };
}
