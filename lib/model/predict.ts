import { usableRateGbps } from "@/lib/schemas/link";
import { predictMigration, type MigrationPrediction, type ModelLink, type ModelProfile } from "./precopy";

export type LinkWithModel = { lineRateGbps: number; busLimitGbps: number | null; modelEfficiency: number; modelSetupMs: number };

/** The model's view of a stored link. */
export function modelLinkOf(link: LinkWithModel): ModelLink {
  return { usableRateGbps: usableRateGbps(link), efficiency: link.modelEfficiency, setupMs: link.modelSetupMs };
}

/** The model's prediction for a stored link and profile (no noise). */
export function predictRun(link: LinkWithModel, profile: ModelProfile): MigrationPrediction {
  return predictMigration(modelLinkOf(link), profile);
}
