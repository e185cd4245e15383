import "server-only";
import { TESTBED_MODEL_SELECT } from "./selects";
import { testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { cache } from "react";
import { db } from "./client";

/** The most recently finished or created runs across all campaigns. */
export async function listLatestRuns({ take = 10 }: { take?: number } = {}) {
  return db.run.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      status: true,
      adapter: true,
      durationMs: true,
      throughputGbps: true,
      transferredBytes: true,
      createdAt: true,
      campaign: { select: { id: true, name: true } },
      link: { select: { name: true } },
      profile: { select: { name: true } },
    },
  });
}

/** One run with its campaign, testbed, link, profile and progress samples; null when missing. Once per request. */
/** A JSON column's value; text that is not JSON (written by hand) is returned as it is. */
function parseJsonColumn(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One run with its campaign, link, profile and samples; its JSON columns parsed (rawStats, perVm). */
export const getRun = cache(async ({ id }: { id: number }) => {
  const row = await db.run.findUnique({
    where: { id },
    include: {
      campaign: {
        select: {
          id: true,
          name: true,
          source: true,
          testbed: { select: { id: true, name: true, hypervisor: true, linkScale: true, connectionJson: true } },
        },
      },
      // A link's path settings are infrastructure detail for operators (the testbed page and API), not a run's.
      // With its testbed's host parameters of the model, which the link inherits where it has none.
      link: { omit: { pathJson: true }, include: { testbed: { select: TESTBED_MODEL_SELECT } } },
      profile: true,
      samples: {
        orderBy: { tMs: "asc" },
        select: {
          tMs: true,
          transferredBytes: true,
          remainingBytes: true,
          throughputGbps: true,
          dirtyRateBytesPerSec: true,
          round: true,
        },
      },
    },
  });
  if (!row) return null;
  const { rawStatsJson, perVmJson, campaign, ...run } = row;
  // The connection settings only yield the downtime limit the run had; they leave with nothing else.
  const { connectionJson, ...testbed } = campaign.testbed;
  return {
    ...run,
    campaign: {
      ...campaign,
      testbed: { ...testbed, downtimeLimitMs: testbedDowntimeLimitMs(testbed.hypervisor, connectionJson) },
    },
    rawStats: parseJsonColumn(rawStatsJson),
    perVm: parseJsonColumn(perVmJson),
  };
});

/** Progress samples of a campaign's running runs (at most `take` runs), for the live curves. */
export async function listRunningSamples({ campaignId, take = 6 }: { campaignId: number; take?: number }) {
  return db.run.findMany({
    where: { campaignId, status: "running" },
    orderBy: { startedAt: "asc" },
    take,
    select: {
      id: true,
      iteration: true,
      link: { select: { name: true } },
      profile: { select: { name: true } },
      samples: { orderBy: { tMs: "asc" }, select: { tMs: true, remainingBytes: true } },
    },
  });
}
