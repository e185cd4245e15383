import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { pathLabels } from "@/lib/hypervisors/link-paths";
import { db } from "./client";
import { LINK_RATE_SELECT, PROFILE_MODEL_SELECT, READINESS_SELECT, readinessOf } from "./selects";

/* What the launch form (app/campaigns/new) starts with. */

const LAUNCH_TESTBED_SELECT = {
  ...READINESS_SELECT,
  maxConcurrentRuns: true,
  hostMemoryBytes: true,
  links: {
    orderBy: { lineRateGbps: "asc" },
    select: { ...LINK_RATE_SELECT, pathJson: true },
  },
} satisfies Prisma.TestbedSelect;

const LAUNCH_PROFILE_SELECT = PROFILE_MODEL_SELECT satisfies Prisma.VmProfileSelect;

/** How many VM profiles the launch form offers as checkboxes before the rest is found by search. */
export const SUGGESTED_PROFILES = 48;

/**
 * What the launch form starts with, bounded however many testbeds and profiles exist: the asked-for
 * testbed (or the first by name whose hypervisor can run here) with its links, the first VM
 * profiles, and how many there are; the rest is found through the search pickers.
 */
export async function getLaunchOptions({
  testbedId,
  profileIds = [],
}: {
  testbedId?: number;
  /** Profiles the form must know beside the first ones (those of a campaign launched again). */
  profileIds?: number[];
}) {
  const [asked, suggested, extra, testbedCount, profileCount] = await Promise.all([
    testbedId ? db.testbed.findUnique({ where: { id: testbedId }, select: LAUNCH_TESTBED_SELECT }) : null,
    db.vmProfile.findMany({
      orderBy: [{ vmCount: "asc" }, { memoryBytes: "asc" }, { name: "asc" }],
      take: SUGGESTED_PROFILES,
      select: LAUNCH_PROFILE_SELECT,
    }),
    profileIds.length
      ? db.vmProfile.findMany({ where: { id: { in: profileIds.slice(0, 100) } }, select: LAUNCH_PROFILE_SELECT })
      : [],
    db.testbed.count(),
    db.vmProfile.count(),
  ]);
  const profiles = [...suggested, ...extra.filter((p) => !suggested.some((s) => s.id === p.id))];
  const readyId = asked ? null : await firstReadyTestbedId();
  const row =
    asked ??
    (readyId ? await db.testbed.findUnique({ where: { id: readyId }, select: LAUNCH_TESTBED_SELECT }) : null) ??
    (await db.testbed.findFirst({ orderBy: { name: "asc" }, select: LAUNCH_TESTBED_SELECT }));
  if (!row) return { testbed: null, profiles, testbedCount, profileCount };
  const { connectionJson, _count, sourceHost: _s, destinationHost: _d, ...testbed } = row;
  // Each link's path as a label shared by links on one path: the form warns of them, no address leaves.
  const labels = pathLabels(testbed.hypervisor, connectionJson, testbed.links);
  return {
    testbed: {
      ...testbed,
      links: testbed.links.map(({ pathJson: _path, ...link }) => ({ ...link, pathKey: labels.get(link.id) ?? null })),
      readiness: readinessOf(row),
      downtimeLimitMs: testbedDowntimeLimitMs(testbed.hypervisor, connectionJson),
    },
    profiles,
    testbedCount,
    profileCount,
  };
}

/**
 * The testbed a launch starts on: the ready one most recently launched on; else a ready simulator (a
 * newcomer's first campaign finishes in seconds); else the first ready one by name (among 500).
 */
async function firstReadyTestbedId(): Promise<number | null> {
  const recent = await db.campaign.findMany({
    orderBy: { id: "desc" },
    take: 50,
    select: { testbed: { select: READINESS_SELECT } },
  });
  const used = recent.map((c) => c.testbed).find((t) => readinessOf(t).ready);
  if (used) return used.id;
  const simulator = await db.testbed.findFirst({
    where: { hypervisor: "simulator", links: { some: {} } },
    orderBy: { name: "asc" },
    select: { id: true },
  });
  if (simulator) return simulator.id;
  for (let skip = 0; skip < 500; skip += 100) {
    const rows = await db.testbed.findMany({ orderBy: { name: "asc" }, skip, take: 100, select: READINESS_SELECT });
    const ready = rows.find((r) => readinessOf(r).ready);
    if (ready) return ready.id;
    if (rows.length < 100) return null;
  }
  return null;
}

/**
 * What "Launch again" fills the form with: a campaign's testbed, the links and VM profiles its runs used
 * (those still existing), iterations, time scale, variants and sweep as stored; null when it does not exist.
 * Reads only.
 */
export async function getLaunchSource({ campaignId }: { campaignId: number }) {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      id: true,
      name: true,
      status: true,
      testbedId: true,
      iterations: true,
      timeScale: true,
      variantsJson: true,
      sweepJson: true,
    },
  });
  if (!campaign) return null;
  const cells = await db.run.groupBy({ by: ["linkId", "profileId"], where: { campaignId } });
  const linkIds = [...new Set(cells.map((c) => c.linkId))].sort((a, b) => a - b);
  const profileIds = [...new Set(cells.map((c) => c.profileId))].sort((a, b) => a - b);
  return { ...campaign, linkIds, profileIds };
}
