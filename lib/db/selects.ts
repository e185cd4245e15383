import "server-only";
import { testbedReadiness, type Readiness } from "@/lib/hypervisors/testbed";
import type { AdapterTestbed } from "@/lib/hypervisors/types";
/** A testbed's host parameters of the model (lib/model/predict.ts TestbedModel). */
export const TESTBED_MODEL_SELECT = {
  modelDirtyingRateFactor: true,
  modelStreamCeilingGbps: true,
  modelWireOverhead: true,
  modelSwitchoverMs: true,
  modelDirtyRateFidelity: true,
} as const;

/**
 * The columns of a link that its usable rate and its fitted model need (charts, predictions, the fit itself),
 * with its testbed's host parameters, which it inherits where it has none of its own.
 */
export const LINK_RATE_SELECT = {
  id: true,
  name: true,
  lineRateGbps: true,
  busLimitGbps: true,
  emulated: true,
  modelEfficiency: true,
  modelSetupMs: true,
  modelStreamCeilingGbps: true,
  modelDirtyingRateFactor: true,
  modelWireOverhead: true,
  modelSwitchoverMs: true,
  testbed: { select: TESTBED_MODEL_SELECT },
} as const;

/** The columns of a VM profile the model plays and pages name (the matrix, comparisons, the launch form, imports). */
export const PROFILE_MODEL_SELECT = {
  id: true,
  name: true,
  memoryBytes: true,
  vmCount: true,
  vcpuCount: true,
  workload: true,
  dirtyRateBytesPerSec: true,
  workingSetBytes: true,
} as const;

/** The columns of a testbed an adapter is given (lib/hypervisors/types.ts AdapterTestbed, settings unparsed). */
export const TESTBED_CONNECTION_SELECT = {
  id: true,
  name: true,
  hypervisor: true,
  sourceHost: true,
  destinationHost: true,
  linkScale: true,
  connectionJson: true,
} as const;

/** The columns of a testbed its readiness is judged from (lib/hypervisors/testbed.ts), with its link count. */
export const READINESS_SELECT = { ...TESTBED_CONNECTION_SELECT, _count: { select: { links: true } } } as const;

/** A testbed as READINESS_SELECT reads it: what adapters see, with its settings as stored and its link count. */
export type ReadinessRow = Omit<AdapterTestbed, "connection"> & { connectionJson: string; _count: { links: number } };

/** A testbed row's readiness. */
export function readinessOf(row: ReadinessRow): Readiness {
  return testbedReadiness({ ...row, linkCount: row._count.links });
}
