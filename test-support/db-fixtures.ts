import type { db as Database } from "../lib/db/client";

/*
 * Rows the database tests start from. The tests import the client only after pointing DATABASE_URL
 * at their own database, so it is passed in.
 */

/** The whitepaper's two links: 10GbE, and 40GbE held to 27 Gb/s by its PCIe Gen2 x8 bus. */
export const TEN_AND_FORTY_GBE = [
  { name: "10GbE", lineRateGbps: 10 },
  { name: "40GbE", lineRateGbps: 40, busLimitGbps: 27 },
];

type LinkRow = {
  name: string;
  lineRateGbps: number;
  busLimitGbps?: number;
  modelEfficiency?: number;
  modelSetupMs?: number;
};

/** A testbed with its links (by default the two above), links in line-rate order. */
export function createTestbedWithLinks(
  db: typeof Database,
  {
    links = TEN_AND_FORTY_GBE,
    ...fields
  }: {
    name: string;
    hypervisor?: string;
    sourceHost?: string;
    destinationHost?: string;
    linkScale?: number;
    maxConcurrentRuns?: number;
    connectionJson?: string;
    links?: LinkRow[];
  },
) {
  return db.testbed.create({
    data: { hypervisor: "simulator", sourceHost: "a", destinationHost: "b", ...fields, links: { create: links } },
    include: { links: { orderBy: { lineRateGbps: "asc" } } },
  });
}

/** A repeatable sequence of numbers in (0, 1) (Lehmer's generator), so a test's random data is the same every run. */
export function seededRandom(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 48271) % 2147483647) / 2147483647;
}

/**
 * A testbed (one 10 Gb/s link unless given), a VM profile and a campaign of `iterations` runs of it,
 * launched as the form launches one (all runs queued): what the runner, schedule and fault tests start from.
 */
export async function launchTestCampaign(
  db: typeof Database,
  {
    name,
    memoryBytes = 2 ** 30,
    workload = "idle",
    iterations = 1,
    timeScale = 0,
    maxConcurrentRuns,
    links = [{ name: "10GbE", lineRateGbps: 10, modelEfficiency: 0.9 }],
  }: {
    name: string;
    memoryBytes?: number;
    workload?: string;
    iterations?: number;
    timeScale?: number;
    maxConcurrentRuns?: number;
    links?: LinkRow[];
  },
) {
  const { createCampaignWithRuns } = await import("../lib/db/campaigns");
  const testbed = await createTestbedWithLinks(db, { name, maxConcurrentRuns, links });
  const profile = await db.vmProfile.create({ data: { name: `${name} profile`, memoryBytes, workload } });
  const data = {
    name,
    testbedId: testbed.id,
    linkIds: [testbed.links[0].id],
    profileIds: [profile.id],
    iterations,
    timeScale,
  };
  const launched = await createCampaignWithRuns({ data });
  if (!launched.ok) throw new Error(`the test campaign was refused: ${launched.message}`);
  return { testbed, profile, campaignId: launched.value.id, data };
}

type LaunchData = Parameters<typeof import("../lib/db/campaigns").createCampaignWithRuns>[0]["data"];

/**
 * Launches a campaign on an existing testbed as the form does (all runs queued): the given VM profiles
 * over its first link unless `linkIds` says otherwise, one run each unless `iterations` says more, at
 * time scale 0 (as fast as the simulator goes). Throws when the launch is refused. Returns the campaign's id.
 */
export async function launchOn(
  testbed: { id: number; links: { id: number }[] },
  profileIds: number[],
  options: Partial<Omit<LaunchData, "testbedId" | "profileIds">> = {},
): Promise<number> {
  const { createCampaignWithRuns } = await import("../lib/db/campaigns");
  const launched = await createCampaignWithRuns({
    data: {
      name: "test campaign",
      linkIds: [testbed.links[0].id],
      iterations: 1,
      timeScale: 0,
      ...options,
      testbedId: testbed.id,
      profileIds,
    },
  });
  if (!launched.ok) throw new Error(`the test campaign was refused: ${launched.message}`);
  return launched.value.id;
}
