import { usableRateGbps } from "@/lib/model/rates";
import { applySweep, DEFAULT_SETTINGS } from "./migration-settings";
import { fitLinkModel, type LinkFit } from "./fit";

type LinkRuns = {
  id: number;
  name: string;
  lineRateGbps: number;
  busLimitGbps: number | null;
  modelEfficiency: number;
  modelSetupMs: number;
  modelDirtyingRateFactor?: number | null;
  modelWireOverhead?: number | null;
  runs: {
    transferredBytes: number | null;
    durationMs: number | null;
    /** The run's VM profile workload and swept variable (a dirty-rate sweep makes the guest dirty). */
    profile?: { workload: string; memoryBytes?: number | bigint; vmCount?: number };
    sweepVariable?: string | null;
    sweepValue?: number | null;
  }[];
};

/** A run's guest as it ran (after its sweep: a dirty-rate sweep makes it dirty, a memory sweep resizes it). */
function guestOf(run: LinkRuns["runs"][number]) {
  if (!run.profile) return null;
  return applySweep(
    {
      workload: run.profile.workload,
      memoryBytes: Number(run.profile.memoryBytes ?? 0),
      vmCount: run.profile.vmCount ?? 1,
      dirtyRateBytesPerSec: null,
      workingSetBytes: null,
    },
    DEFAULT_SETTINGS,
    run.sweepVariable ?? null,
    run.sweepValue ?? null,
  ).profile;
}

/** The memory a guest written once migrated (all its VMs), or undefined for any other guest. */
function writtenOnce(guest: ReturnType<typeof guestOf>): number | undefined {
  return guest?.workload === "once" && guest.memoryBytes > 0 ? guest.memoryBytes * guest.vmCount : undefined;
}

/** Fits every link of a testbed that has measured runs, at the testbed's link scale. */
export function fitTestbedLinks(links: LinkRuns[], linkScale: number): { link: LinkRuns; fit: LinkFit }[] {
  return links.flatMap((link) => {
    const fit = fitLinkModel(
      link.runs.map((r) => {
        const guest = guestOf(r);
        return {
          transferredBytes: r.transferredBytes ?? 0,
          durationMs: r.durationMs ?? 0,
          dirtying: guest?.workload === "continuous",
          writtenOnceBytes: writtenOnce(guest),
        };
      }),
      usableRateGbps(link) * linkScale,
      {
        efficiency: link.modelEfficiency,
        setupMs: link.modelSetupMs,
        dirtyingFactor: link.modelDirtyingRateFactor ?? null,
        wireOverhead: link.modelWireOverhead ?? null,
      },
    );
    return fit ? [{ link, fit }] : [];
  });
}
