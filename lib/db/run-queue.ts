import "server-only";
import { db } from "./client";
import { usableRateGbps } from "@/lib/model/rates";
import { adapterTestbedOf } from "@/lib/hypervisors/testbed";
import { applySweep, settingsFromJson } from "@/lib/model/migration-settings";

/* What a worker reads for the runs it has claimed, and the progress it streams back. */

/** Everything an adapter needs to migrate a claimed run. */
export async function getRunSpec({ id }: { id: number }) {
  const run = await db.run.findUnique({
    where: { id },
    include: {
      campaign: { select: { id: true, timeScale: true, testbed: true } },
      link: true,
      profile: true,
    },
  });
  if (!run) return null;
  const { profile, settings } = applySweep(
    run.profile,
    settingsFromJson(run.settingsJson),
    run.sweepVariable,
    run.sweepValue,
  );
  return {
    runId: run.id,
    campaignId: run.campaign.id,
    iteration: run.iteration,
    attempt: run.attempt,
    seed: (run.seed ?? run.id) + (run.attempt - 1) * 7919,
    testbed: adapterTestbedOf(run.campaign.testbed),
    link: {
      id: run.link.id,
      name: run.link.name,
      lineRateGbps: run.link.lineRateGbps,
      busLimitGbps: run.link.busLimitGbps,
      usableRateGbps: usableRateGbps(run.link),
      emulated: run.link.emulated,
      modelEfficiency: run.link.modelEfficiency,
      modelSetupMs: run.link.modelSetupMs,
      modelStreamCeilingGbps: run.link.modelStreamCeilingGbps,
      modelDirtyingRateFactor: run.link.modelDirtyingRateFactor,
      modelWireOverhead: run.link.modelWireOverhead,
      modelSwitchoverMs: run.link.modelSwitchoverMs,
    },
    profile: {
      id: profile.id,
      name: profile.name,
      memoryBytes: profile.memoryBytes,
      vcpuCount: profile.vcpuCount,
      vmCount: profile.vmCount,
      workload: profile.workload,
      dirtyRateBytesPerSec: profile.dirtyRateBytesPerSec,
      workingSetBytes: profile.workingSetBytes,
    },
    settings,
    options: { timeScale: run.campaign.timeScale },
  };
}

/** Run ids among `runIds` whose cancellation was requested. */
export async function listCancelRequested({ runIds }: { runIds: number[] }): Promise<number[]> {
  if (!runIds.length) return [];
  const rows = await db.run.findMany({
    where: { id: { in: runIds }, cancelRequestedAt: { not: null } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Whether runs wait in the queue — of the given testbeds, or of any (null). */
export async function hasQueuedRuns({ testbedIds }: { testbedIds: number[] | null }): Promise<boolean> {
  const run = await db.run.findFirst({
    where: { status: "queued", ...(testbedIds ? { campaign: { testbedId: { in: testbedIds } } } : {}) },
    select: { id: true },
  });
  return run !== null;
}
