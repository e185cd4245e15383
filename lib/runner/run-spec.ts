import "server-only";
import { getClaimedRun } from "@/lib/db/run-queue";
import { usableRateGbps } from "@/lib/model/rates";
import { adapterTestbedOf } from "@/lib/hypervisors/testbed";
import { storedLinkPath } from "@/lib/schemas/link-path";
import { hostParametersOf } from "@/lib/model/predict";
import { applySweep, settingsFromJson } from "@/lib/model/migration-settings";

/** Everything an adapter needs to migrate a claimed run. */
export async function getRunSpec({ id }: { id: number }) {
  const run = await getClaimedRun({ id });
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
      // Its own host parameters where set, else its testbed's.
      ...hostParametersOf({ ...run.link, testbed: run.campaign.testbed }),
      path: storedLinkPath(run.link.pathJson),
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

export type RunSpec = NonNullable<Awaited<ReturnType<typeof getRunSpec>>>;
