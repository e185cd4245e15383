import "server-only";
import { db } from "./client";
import type { MigrationSample } from "@/lib/hypervisors/types";
import type { Lease } from "./run-claims";
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

/**
 * Stores a batch of progress samples of the execution that holds `lease`, and renews its heartbeat:
 * in one transaction, only while the run still carries the lease's token (on PostgreSQL the run's row
 * stays locked until the samples are in, so a recovery cannot slip between). null when the lease is
 * lost: nothing was written.
 */
export async function appendSamples({
  lease,
  leaseMs,
  samples,
}: {
  lease: Lease;
  /** The worker's lease length: a write renews the lease as a heartbeat does. */
  leaseMs: number;
  samples: MigrationSample[];
}): Promise<number | null> {
  if (!samples.length) return 0;
  const now = new Date();
  return db.$transaction(async (tx) => {
    const held = await tx.run.updateMany({
      where: { id: lease.runId, leaseToken: lease.token, status: "running" },
      data: { heartbeatAt: now, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
    });
    if (held.count !== 1) return null;
    const { count } = await tx.sample.createMany({ data: samples.map((s) => ({ ...s, runId: lease.runId })) });
    return count;
  });
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
