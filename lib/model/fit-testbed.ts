import { usableRateGbps } from "@/lib/model/rates";
import { applySweep, DEFAULT_SETTINGS } from "./migration-settings";
import { DEFAULT_MODEL_PARAMS } from "./precopy";
import { WORKLOADS, type Workload } from "./vocabulary";
import { fitLinkModel, type LinkFit } from "./fit";

type LinkRuns = {
  id: number;
  name: string;
  lineRateGbps: number;
  busLimitGbps: number | null;
  modelEfficiency: number;
  modelSetupMs: number;
  runs: {
    transferredBytes: number | null;
    durationMs: number | null;
    /** The run's VM profile workload and swept variable (a dirty-rate sweep makes the guest dirty). */
    profile?: { workload: string };
    sweepVariable?: string | null;
    sweepValue?: number | null;
  }[];
};

/** The model's stream-rate factor for a run's workload, as it ran (after its sweep). */
function rateFactorOf(run: LinkRuns["runs"][number]): number {
  if (!run.profile) return 1;
  const swept = applySweep(
    { workload: run.profile.workload, memoryBytes: 0, vmCount: 1, dirtyRateBytesPerSec: null, workingSetBytes: null },
    DEFAULT_SETTINGS,
    run.sweepVariable ?? null,
    run.sweepValue ?? null,
  ).profile.workload;
  return (WORKLOADS as readonly string[]).includes(swept)
    ? DEFAULT_MODEL_PARAMS.workloadRateFactor[swept as Workload]
    : 1;
}

/** Fits every link of a testbed that has measured runs, at the testbed's link scale. */
export function fitTestbedLinks(links: LinkRuns[], linkScale: number): { link: LinkRuns; fit: LinkFit }[] {
  return links.flatMap((link) => {
    const fit = fitLinkModel(
      link.runs.map((r) => ({
        transferredBytes: r.transferredBytes ?? 0,
        durationMs: r.durationMs ?? 0,
        rateFactor: rateFactorOf(r),
      })),
      usableRateGbps(link) * linkScale,
      { efficiency: link.modelEfficiency, setupMs: link.modelSetupMs },
    );
    return fit ? [{ link, fit }] : [];
  });
}
