import { usableRateGbps } from "@/lib/model/rates";
import {
  DEFAULT_MODEL_PARAMS,
  predictMigration,
  type MigrationPrediction,
  type ModelLink,
  type ModelProfile,
} from "./precopy";
import { DEFAULT_SETTINGS, type MigrationSettings } from "./migration-settings";

export type LinkWithModel = {
  lineRateGbps: number;
  busLimitGbps: number | null;
  modelEfficiency: number;
  modelSetupMs: number;
  /** The most one migration stream carries (Gb/s, as runs see it); null or absent: no ceiling. */
  modelStreamCeilingGbps?: number | null;
  /** A dirtying guest's stream rate relative to an idle one's (fitted); null or absent: the model's default. */
  modelDirtyingRateFactor?: number | null;
  /** Bytes on the wire per byte of memory (fitted); null or absent: the model's default. */
  modelWireOverhead?: number | null;
  modelSwitchoverMs?: number | null;
};

/** The model's view of a stored link, at the testbed's emulation scale (1 = line rate). */
export function modelLinkOf(link: LinkWithModel, linkScale = 1): ModelLink {
  return {
    usableRateGbps: usableRateGbps(link) * linkScale,
    efficiency: link.modelEfficiency,
    setupMs: link.modelSetupMs,
    streamCeilingGbps: link.modelStreamCeilingGbps ?? null,
    dirtyingRateFactor: link.modelDirtyingRateFactor ?? null,
    wireOverhead: link.modelWireOverhead ?? null,
    switchoverMs: link.modelSwitchoverMs ?? null,
  };
}

/** The model's prediction for a stored link and profile, with a settings variant (no noise). */
export function predictRun(
  link: LinkWithModel,
  profile: ModelProfile,
  linkScale = 1,
  settings: MigrationSettings = DEFAULT_SETTINGS,
): MigrationPrediction {
  return predictMigration(modelLinkOf(link, linkScale), profile, DEFAULT_MODEL_PARAMS, {}, settings);
}
