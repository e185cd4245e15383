import type { LinkPath } from "@/lib/schemas/link-path";
/**
 * The hypervisor adapter contract. The runner knows nothing else about hypervisors: it hands an
 * adapter a MigrationSpec and stores the samples and the result it gets back. Every quantity crossing
 * this boundary is in base SI units (bytes, milliseconds, bytes/s) or Gb/s, whatever the hypervisor
 * itself reports (QEMU: megabits/s and pages/s; virsh: MiB/s; libvirt: bytes/s); adapters convert.
 */

import type { Capability, MigrationSettings } from "@/lib/model/migration-settings";

export type AdapterTestbed = {
  id: number;
  name: string;
  hypervisor: string;
  sourceHost: string;
  destinationHost: string;
  /** Emulated link rates are usable rate × linkScale (1 = real line rate). */
  linkScale: number;
  /** Parsed connectionJson: adapter-specific settings and credential references. */
  connection: Record<string, unknown>;
  /** How many of its runs may migrate at once (1 when not given). */
  maxConcurrentRuns?: number;
};

export type AdapterLink = {
  id: number;
  name: string;
  lineRateGbps: number;
  busLimitGbps: number | null;
  /** min(line rate, bus limit). */
  usableRateGbps: number;
  emulated: boolean;
  modelEfficiency: number;
  modelSetupMs: number;
  /** The most one migration stream carries (Gb/s, as runs see it); null: no ceiling. */
  modelStreamCeilingGbps: number | null;
  /** A dirtying guest's stream rate relative to an idle one's (fitted); null: the model's default. */
  modelDirtyingRateFactor: number | null;
  /** Bytes on the wire per byte of memory (fitted); null: the model's default. */
  modelWireOverhead: number | null;
  /** The model's fixed pause beyond sending what is pending (ms); null: none. */
  modelSwitchoverMs: number | null;
  /** The share of the asked dirty rate a guest achieves on this testbed (fitted); null: all of it. */
  modelDirtyRateFidelity?: number | null;
  /**
   * Where this link's migrations travel on real hosts (lib/schemas/link-path.ts, checked for the testbed's kind
   * when saved): addresses, vmknics, the interfaces carrying it. Empty: the testbed's defaults.
   */
  path: LinkPath;
};

/** A link as the adapter check sees it: its name and its own path settings. */
export type CheckLink = Pick<AdapterLink, "name" | "emulated" | "path">;

export type AdapterProfile = {
  id: number;
  name: string;
  memoryBytes: number;
  vcpuCount: number;
  vmCount: number;
  workload: string;
  dirtyRateBytesPerSec: number | null;
  workingSetBytes: number | null;
};

export type MigrationSpec = {
  runId: number;
  iteration: number;
  attempt: number;
  /** Seed for anything random in the adapter (the simulator's run-to-run variation). */
  seed: number;
  testbed: AdapterTestbed;
  link: AdapterLink;
  /** The profile as migrated: a swept memory size, VM count or dirty rate is already applied. */
  profile: AdapterProfile;
  /** The settings variant to migrate with (a swept downtime limit or bandwidth cap already applied). */
  settings: MigrationSettings;
  options: {
    /** Simulated seconds per wall-clock second: 1 = real time, 0 = as fast as possible. */
    timeScale: number;
  };
};

/** One progress observation. */
export type MigrationSample = {
  tMs: number;
  transferredBytes: number;
  remainingBytes: number;
  throughputGbps: number;
  dirtyRateBytesPerSec: number | null;
  round: number | null;
};

export type PerVmResult = {
  vm: number;
  durationMs: number;
  downtimeMs: number | null;
  /** The longest the guest itself saw no time pass (heartbeat gap), where the adapter measures it. */
  guestPauseMs?: number | null;
  transferredBytes: number | null;
};

export type MigrationMetrics = {
  durationMs: number;
  /** null when the hypervisor does not report it (unknown is not zero). */
  downtimeMs: number | null;
  /**
   * What the guest felt: from its last heartbeat on the source to its first on the destination
   * (QEMU and libvirt); absent or null where no guest heartbeat is read (simulator, vSphere).
   */
  guestPauseMs?: number | null;
  transferredBytes: number | null;
  throughputGbps: number | null;
  precopyRounds: number | null;
  dirtyRateBytesPerSec: number | null;
  perVm?: PerVmResult[];
  /**
   * Bytes the link's interfaces counted from source to destination during the run, where the worker can read
   * them (lib/hypervisors/common/wire-counters.ts); absent or null where it cannot (rawStats.wire says why).
   */
  wireBytes?: number | null;
};

export type MigrationResult =
  | ({ status: "succeeded"; rawStats: unknown } & MigrationMetrics)
  | { status: "failed"; reason: string; rawStats?: unknown; partial?: Partial<MigrationMetrics> }
  | { status: "cancelled"; reason: string; rawStats?: unknown };

export type CheckResult = {
  ok: boolean;
  /** What is missing, in words a user can act on. Empty when ok. */
  problems: string[];
  /** What was checked and found (versions, hosts). */
  details: string[];
};

export type MigrateContext = {
  onSample: (sample: MigrationSample) => void;
  /** Aborted when the run is cancelled or the worker shuts down. */
  signal: AbortSignal;
};

export interface HypervisorAdapter {
  readonly kind: string;
  readonly label: string;
  /**
   * Whether the testbed can be reached and has what migrations need, and per link whether its own path is
   * usable (its address reachable from the source host, its interfaces present) where the adapter can tell.
   * Never throws.
   */
  check(testbed: AdapterTestbed, links?: CheckLink[]): Promise<CheckResult>;
  /**
   * What the testbed's connection settings lack, found from the settings alone: contacts nothing,
   * resolves no secret (pages show it on every GET). Empty when they are complete; check() may still
   * find the hypervisor unreachable.
   */
  settingsProblems(testbed: AdapterTestbed): string[];
  /**
   * Which migration settings the adapter can apply on this testbed: null where it can, otherwise why
   * not, in words. From the adapter and the settings alone (contacts nothing): the launch form greys out
   * what is not null, and the runner fails such runs with the reason before contacting anything.
   * What only the machine can tell (post-copy needs userfaultfd) is check()'s to report.
   */
  capabilities(testbed: AdapterTestbed): Record<Capability, string | null>;
  /**
   * The secrets the testbed's settings send somewhere, and the host each goes to (a vCenter password
   * to the vCenter's host): each must be one its owner listed (lib/secrets/resolve.ts), checked when
   * the testbed is saved and again when the secret is resolved. Absent: the adapter sends none.
   */
  secretDestinations?(testbed: AdapterTestbed): { key: string; reference: string; host: string }[];
  /**
   * Runs one migration. Reports failure as a result with a reason rather than throwing, honours
   * the signal, and cleans up whatever it started on every path.
   */
  migrate(spec: MigrationSpec, context: MigrateContext): Promise<MigrationResult>;
}
