import type { APIRequestContext } from "@playwright/test";
import { expect, uniqueName } from "./fixtures";

/** The seeded simulator testbed and its two links, as named in prisma/seed.ts. */
export const REPLICA = "Whitepaper replica (simulated)";
export const TEN = "10GbE (simulated)";
export const FORTY = "40GbE (simulated, PCIe Gen2 x8 ~27 Gb/s)";

/** Ids of the simulator testbed, its links and the "once" profile, read through the API. */
export async function replicaIds(request: APIRequestContext) {
  const testbeds = (await (await request.get("/api/testbeds")).json()).testbeds as { id: number; name: string }[];
  const replica = testbeds.find((t) => t.name === REPLICA)!;
  const { testbed } = await (await request.get(`/api/testbeds/${replica.id}`)).json();
  const links = testbed.links as { id: number; name: string }[];
  const profiles = (await (await request.get("/api/profiles")).json()).profiles as { id: number; name: string }[];
  return {
    profileId: (name: string) => profiles.find((p) => p.name === name)!.id,
    testbedId: replica.id,
    ten: links.find((l) => l.name === TEN)!.id,
    forty: links.find((l) => l.name === FORTY)!.id,
    once: profiles.find((p) => p.name === "1 × 16 GiB · once")!.id,
  };
}

/**
 * Launches a simulated campaign (both links; the "1 × 16 GiB · once" profile unless others are named)
 * through the API and waits until every run is stored.
 */
export async function simulatedCampaign(request: APIRequestContext, iterations: number, profiles?: string[]) {
  const { testbedId, ten, forty, once, profileId } = await replicaIds(request);
  const name = uniqueName("cmp");
  const profileIds = profiles ? profiles.map(profileId) : [once];
  const res = await request.post("/api/campaigns", {
    data: { name, testbedId, linkIds: [ten, forty], profileIds, iterations, timeScale: 0 },
  });
  expect(res.status()).toBe(201);
  const { campaign } = await res.json();
  await expect
    .poll(async () => (await (await request.get(`/api/campaigns/${campaign.id}`)).json()).campaign.counts.succeeded, {
      timeout: 30_000,
    })
    .toBe(2 * iterations * profileIds.length);
  return { id: campaign.id as number, name };
}
