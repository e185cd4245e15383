import { usableRateGbps } from "@/lib/model/rates";
import { fitLinkModel, type LinkFit } from "./fit";

type LinkRuns = {
  id: number;
  name: string;
  lineRateGbps: number;
  busLimitGbps: number | null;
  modelEfficiency: number;
  modelSetupMs: number;
  runs: { transferredBytes: number | null; durationMs: number | null }[];
};

/** Fits every link of a testbed that has measured runs, at the testbed's link scale. */
export function fitTestbedLinks(links: LinkRuns[], linkScale: number): { link: LinkRuns; fit: LinkFit }[] {
  return links.flatMap((link) => {
    const fit = fitLinkModel(
      link.runs.map((r) => ({ transferredBytes: r.transferredBytes ?? 0, durationMs: r.durationMs ?? 0 })),
      usableRateGbps(link) * linkScale,
      { efficiency: link.modelEfficiency, setupMs: link.modelSetupMs },
    );
    return fit ? [{ link, fit }] : [];
  });
}
