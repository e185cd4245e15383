import { usableRateGbps } from "@/lib/model/rates";
import { applySweep, settingsFromJson, withTestbedDowntimeLimit } from "./migration-settings";
import { fitLinkModel, type LinkFit } from "./fit";
import { predictRun, type LinkWithModel } from "./predict";

type LinkRuns = LinkWithModel & {
  id: number;
  name: string;
  runs: {
    transferredBytes: number | null;
    durationMs: number | null;
    downtimeMs?: number | null;
    /** The run's settings variant as stored; absent: the defaults. */
    settingsJson?: string;
    /** The run's VM profile and swept variable (a dirty-rate sweep makes the guest dirty). */
    profile?: {
      workload: string;
      memoryBytes?: number | bigint;
      vmCount?: number;
      dirtyRateBytesPerSec?: number | null;
      workingSetBytes?: number | bigint | null;
    };
    sweepVariable?: string | null;
    sweepValue?: number | null;
  }[];
};

/** A run's guest and settings as it ran (after its sweep: a dirty-rate sweep makes it dirty, a memory sweep resizes it). */
function asRan(run: LinkRuns["runs"][number], testbedDowntimeLimitMs: number | null) {
  if (!run.profile) return null;
  return applySweep(
    {
      workload: run.profile.workload,
      memoryBytes: Number(run.profile.memoryBytes ?? 0),
      vmCount: run.profile.vmCount ?? 1,
      dirtyRateBytesPerSec: run.profile.dirtyRateBytesPerSec ?? null,
      workingSetBytes: run.profile.workingSetBytes == null ? null : Number(run.profile.workingSetBytes),
    },
    withTestbedDowntimeLimit(settingsFromJson(run.settingsJson), testbedDowntimeLimitMs),
    run.sweepVariable ?? null,
    run.sweepValue ?? null,
  );
}

/** The memory a guest written once migrated (all its VMs), or undefined for any other guest. */
function writtenOnce(guest: NonNullable<ReturnType<typeof asRan>>["profile"] | undefined): number | undefined {
  return guest?.workload === "once" && guest.memoryBytes > 0 ? guest.memoryBytes * guest.vmCount : undefined;
}

/**
 * Fits every link of a testbed that has measured runs, at the testbed's link scale. `testbedDowntimeLimitMs`
 * is the limit runs without their own migrated under (lib/hypervisors/downtime-limit.ts): the model's
 * downtime for each run, against which the switchover time is fitted, uses it.
 */
export function fitTestbedLinks(
  links: LinkRuns[],
  linkScale: number,
  testbedDowntimeLimitMs: number | null = null,
): { link: LinkRuns; fit: LinkFit }[] {
  return links.flatMap((link) => {
    // The model's pause without a fixed part: what the switchover time is the measured excess over.
    const bare = { ...link, modelSwitchoverMs: 0 };
    const fit = fitLinkModel(
      link.runs.map((r) => {
        const ran = asRan(r, testbedDowntimeLimitMs);
        const model = ran && r.downtimeMs != null ? predictRun(bare, ran.profile, linkScale, ran.settings) : null;
        return {
          transferredBytes: r.transferredBytes ?? 0,
          durationMs: r.durationMs ?? 0,
          dirtying: ran?.profile.workload === "continuous",
          writtenOnceBytes: writtenOnce(ran?.profile),
          downtimeMs: r.downtimeMs ?? null,
          modelDowntimeMs: model?.converges ? model.downtimeMs : null,
        };
      }),
      usableRateGbps(link) * linkScale,
      {
        efficiency: link.modelEfficiency,
        setupMs: link.modelSetupMs,
        dirtyingFactor: link.modelDirtyingRateFactor ?? null,
        wireOverhead: link.modelWireOverhead ?? null,
        switchoverMs: link.modelSwitchoverMs ?? null,
      },
    );
    return fit ? [{ link, fit }] : [];
  });
}
