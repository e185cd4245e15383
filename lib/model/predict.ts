import { usableRateGbps } from "@/lib/model/rates";
import {
  DEFAULT_MODEL_PARAMS,
  predictMigration,
  type MigrationPrediction,
  type ModelLink,
  type ModelProfile,
} from "./precopy";
import { DEFAULT_SETTINGS, type MigrationSettings } from "./migration-settings";

/**
 * What a testbed's hosts cost a migration stream, whatever the link (fitted over all its links' comparable runs):
 * a link without its own value takes the testbed's, so an untested link of a fitted testbed inherits them.
 */
export type TestbedModel = {
  modelDirtyingRateFactor: number | null;
  modelStreamCeilingGbps: number | null;
  modelWireOverhead: number | null;
  modelSwitchoverMs: number | null;
  /** The share of the asked dirty rate its guests achieve (a testbed's only: links have none). */
  modelDirtyRateFidelity?: number | null;
};

export const NO_TESTBED_MODEL: TestbedModel = {
  modelDirtyingRateFactor: null,
  modelStreamCeilingGbps: null,
  modelWireOverhead: null,
  modelSwitchoverMs: null,
  modelDirtyRateFidelity: null,
};

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
  /** Its testbed's host parameters, which the link's own (where set) override; absent: none. */
  testbed?: TestbedModel | null;
};

/** A link's host parameters: its own where set, else its testbed's (null: the model's default). */
export function hostParametersOf(link: LinkWithModel): TestbedModel {
  const t = link.testbed ?? NO_TESTBED_MODEL;
  return {
    modelDirtyingRateFactor: link.modelDirtyingRateFactor ?? t.modelDirtyingRateFactor,
    modelStreamCeilingGbps: link.modelStreamCeilingGbps ?? t.modelStreamCeilingGbps,
    modelWireOverhead: link.modelWireOverhead ?? t.modelWireOverhead,
    modelSwitchoverMs: link.modelSwitchoverMs ?? t.modelSwitchoverMs,
    modelDirtyRateFidelity: t.modelDirtyRateFidelity ?? null,
  };
}

/** The model's view of a stored link, at the testbed's emulation scale (1 = line rate). */
export function modelLinkOf(link: LinkWithModel, linkScale = 1): ModelLink {
  const host = hostParametersOf(link);
  return {
    usableRateGbps: usableRateGbps(link) * linkScale,
    efficiency: link.modelEfficiency,
    setupMs: link.modelSetupMs,
    streamCeilingGbps: host.modelStreamCeilingGbps,
    dirtyingRateFactor: host.modelDirtyingRateFactor,
    wireOverhead: host.modelWireOverhead,
    switchoverMs: host.modelSwitchoverMs,
    dirtyRateFidelity: host.modelDirtyRateFidelity,
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
