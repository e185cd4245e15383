import type { Readiness } from "@/lib/hypervisors/testbed";
import type { AdapterLink } from "@/lib/hypervisors/types";

/** What the launch form knows of testbeds and VM profiles, and how it fetches one a picker chose. */

/** A link as the launch form has it: the adapter contract's link, its usable rate computed where needed. */
/**
 * A link as the launch form knows it: no path settings (addresses stay on the server), only an opaque key
 * shared by links that would migrate over the same path (null: its own), to warn before submit.
 */
export type LaunchLink = Omit<AdapterLink, "usableRateGbps" | "path"> & { pathKey: string | null };
export type LaunchTestbed = {
  id: number;
  name: string;
  hypervisor: string;
  maxConcurrentRuns: number;
  linkScale: number;
  /** Memory of each host; null when not recorded. */
  hostMemoryBytes: number | null;
  adapterAvailable: boolean;
  /** Whether campaigns can run on it, judged from its stored settings, and why not. */
  readiness: Readiness;
  /** The downtime limit its runs migrate under unless a variant sets one; null: the hypervisor's own. */
  downtimeLimitMs: number | null;
  links: LaunchLink[];
};
export type LaunchProfile = {
  id: number;
  name: string;
  memoryBytes: number;
  vmCount: number;
  workload: string;
  dirtyRateBytesPerSec: number | null;
  workingSetBytes: number | null;
};

/** A testbed's launch details from GET /api/testbeds/:id. */
export async function fetchTestbed(id: number): Promise<LaunchTestbed | null> {
  const res = await fetch(`/api/testbeds/${id}`).catch(() => null);
  if (!res?.ok) return null;
  const {
    testbed: t,
    adapterAvailable,
    readiness,
    downtimeLimitMs,
  } = (await res.json()) as {
    testbed: Omit<LaunchTestbed, "adapterAvailable" | "readiness" | "downtimeLimitMs">;
    adapterAvailable: boolean;
    readiness: LaunchTestbed["readiness"];
    downtimeLimitMs: number | null;
  };
  return {
    id: t.id,
    name: t.name,
    hypervisor: t.hypervisor,
    maxConcurrentRuns: t.maxConcurrentRuns,
    linkScale: t.linkScale,
    hostMemoryBytes: t.hostMemoryBytes,
    adapterAvailable,
    readiness,
    downtimeLimitMs,
    links: t.links.map((l) => ({
      id: l.id,
      name: l.name,
      lineRateGbps: l.lineRateGbps,
      busLimitGbps: l.busLimitGbps,
      emulated: l.emulated,
      modelEfficiency: l.modelEfficiency,
      modelSetupMs: l.modelSetupMs,
      modelStreamCeilingGbps: l.modelStreamCeilingGbps,
      modelDirtyingRateFactor: l.modelDirtyingRateFactor,
      modelWireOverhead: l.modelWireOverhead,
      modelSwitchoverMs: l.modelSwitchoverMs,
      pathKey: l.pathKey,
    })),
  };
}

/** A VM profile's details from GET /api/profiles/:id. */
export async function fetchProfile(id: number): Promise<LaunchProfile | null> {
  const res = await fetch(`/api/profiles/${id}`).catch(() => null);
  if (!res?.ok) return null;
  const { profile: p } = (await res.json()) as { profile: LaunchProfile };
  return {
    id: p.id,
    name: p.name,
    memoryBytes: p.memoryBytes,
    vmCount: p.vmCount,
    workload: p.workload,
    dirtyRateBytesPerSec: p.dirtyRateBytesPerSec,
    workingSetBytes: p.workingSetBytes,
  };
}
