import { DEFAULT_SETTINGS, type MigrationSettings } from "../lib/model/migration-settings";
import type { AdapterLink, AdapterProfile, AdapterTestbed, MigrationSpec } from "../lib/hypervisors/types";

/*
 * What the adapters' tests hand to migrate(): one small run of a 1-VM, 256 MiB, written-once profile
 * over a 10 Gb/s link, with only what a test is about changed.
 */

/** A simulator testbed as adapters are given it (the simulator's tests). */
export const SIMULATOR_TESTBED: AdapterTestbed = {
  id: 1,
  name: "sim",
  hypervisor: "simulator",
  sourceHost: "a",
  destinationHost: "b",
  linkScale: 1,
  connection: {},
};

let nextRunId = 70_000 + Math.floor(Math.random() * 10_000);

export function migrationSpec(
  testbed: AdapterTestbed,
  {
    link = {},
    profile = {},
    settings = {},
    runId = nextRunId++,
  }: {
    link?: Partial<AdapterLink>;
    profile?: Partial<AdapterProfile>;
    settings?: Partial<MigrationSettings>;
    runId?: number;
  } = {},
): MigrationSpec {
  const workload = profile.workload ?? "once";
  return {
    runId,
    iteration: 1,
    attempt: 1,
    seed: 1,
    testbed,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    link: {
      id: 1,
      name: "10GbE",
      lineRateGbps: 10,
      busLimitGbps: null,
      usableRateGbps: link.lineRateGbps ?? 10,
      emulated: true,
      modelEfficiency: 1,
      modelSetupMs: 0,
      modelStreamCeilingGbps: null,
      modelDirtyingRateFactor: null,
      modelWireOverhead: null,
      modelSwitchoverMs: null,
      path: {},
      ...link,
    },
    profile: {
      id: 1,
      name: workload,
      memoryBytes: 256 * 1024 ** 2,
      vcpuCount: 1,
      vmCount: 1,
      workload,
      dirtyRateBytesPerSec: workload === "continuous" ? 30e6 : null,
      workingSetBytes: null,
      ...profile,
    },
    options: { timeScale: 1 },
  };
}
