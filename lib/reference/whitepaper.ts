/**
 * The reference study: Mellanox, "Virtual Machine Migration Acceleration using Mellanox ConnectX-2
 * EN 40Gb/s IO Adapter" (vMotion on ESX 4.1, 10GbE vs 40GbE). Pure data, used by the seed and tests.
 * The published table gives BW in Gb/s, time in seconds and data size in gigabits.
 */
import { BYTES_PER_GIB } from "@/lib/format/units";
import { WORKLOADS, type Workload } from "@/lib/model/vocabulary";
import { CALIBRATED_LINKS } from "@/lib/model/calibration";

export const WHITEPAPER_SOURCE =
  'Mellanox white paper "Virtual Machine Migration Acceleration using Mellanox ConnectX-2 EN 40Gb/s IO Adapter", ' +
  "Test Results table: single 16 GB VM on 24 GB ESX 4.1 hosts (averages of several iterations).";

export const WHITEPAPER_TESTBED = {
  name: "ESX 4.1 vMotion — HP DL380 G6",
  hypervisor: "vsphere",
  sourceHost: "esx41-a (HP DL380 G6, 2× Xeon X5550)",
  destinationHost: "esx41-b (HP DL380 G6, 2× Xeon X5550)",
  hostMemoryBytes: 24 * BYTES_PER_GIB,
  // A published study: no vCenter to reach, so no connection settings.
  connectionJson: "{}",
  notes:
    "Two ESX Server 4.1.0-258902 hosts connected back-to-back on 10GbE and 40GbE migration subnets; " +
    "vSphere vCenter on Windows Server 2008 64-bit on a third machine. Memory configurations: 24 GB (1 × 16 GB VM or 8 × 2 GB VMs) and " +
    "72 GB (1 × 64 GB VM or 8 × 8 GB VMs). Shared storage EMC Clariion CX3-40 over 4G FC. " +
    "Guest OS Linux RH 5.4 64-bit. Hyper-threading disabled.",
} as const;

const NIC = {
  nicModel: "Mellanox ConnectX-2 VPI MHQH29B-XYR rev B0",
  driver: "mlx4_en (OFED-1.5.2)",
  firmware: "2.7.700",
  mtuBytes: 1500,
  pcieGeneration: 2,
  pcieLanes: 8,
  emulated: false,
};

export const WHITEPAPER_LINKS = {
  tenGbE: {
    ...NIC,
    ...CALIBRATED_LINKS.tenGbE,
    name: "10GbE ConnectX-2",
    lineRateGbps: 10,
    busLimitGbps: null,
    // Its own migration subnet: vMotion over the 10GbE VMkernel adapter on both hosts.
    pathJson: JSON.stringify({ sourceVmknic: "vmk1", destinationVmknic: "vmk1" }),
    notes: "",
  },
  fortyGbE: {
    ...NIC,
    ...CALIBRATED_LINKS.fortyGbE,
    name: "40GbE ConnectX-2 (PCIe Gen2 x8, ~27 Gb/s bus limit)",
    lineRateGbps: 40,
    busLimitGbps: 27,
    pathJson: JSON.stringify({ sourceVmknic: "vmk2", destinationVmknic: "vmk2" }),
    notes:
      "PCIe Gen2 x8 limits periodic bandwidth to ~27 Gb/s, which is why 40GbE migrated a once-written VM 2.23× faster rather than 4×.",
  },
} as const;

/**
 * Dirty rate of the continuous profiles (all VMs together). Calibrated with the model's parameters
 * in lib/model/calibration.ts so that one parameter set reproduces the published table.
 */
export const CONTINUOUS_DIRTY_RATE_BYTES_PER_SEC = 525e6;

const CONFIGS = [
  { vmCount: 1, memoryGiB: 16, hostGiB: 24 },
  { vmCount: 8, memoryGiB: 2, hostGiB: 24 },
  { vmCount: 1, memoryGiB: 64, hostGiB: 72 },
  { vmCount: 8, memoryGiB: 8, hostGiB: 72 },
] as const;

/** Name of the whitepaper profile for a configuration and workload, e.g. "1 × 16 GiB · once". */
export function whitepaperProfileName(vmCount: number, memoryGiB: number, workload: Workload): string {
  return `${vmCount} × ${memoryGiB} GiB · ${workload}`;
}

export const WHITEPAPER_PROFILES = CONFIGS.flatMap((c) =>
  WORKLOADS.map((workload) => ({
    name: whitepaperProfileName(c.vmCount, c.memoryGiB, workload),
    memoryBytes: c.memoryGiB * BYTES_PER_GIB,
    vcpuCount: 1,
    vmCount: c.vmCount,
    workload,
    dirtyRateBytesPerSec: workload === "continuous" ? CONTINUOUS_DIRTY_RATE_BYTES_PER_SEC / c.vmCount : null,
    workingSetBytes: workload === "continuous" ? c.memoryGiB * BYTES_PER_GIB : null,
    notes: `Whitepaper configuration on ${c.hostGiB} GB hosts.`,
  })),
);

export type PublishedResult = {
  link: keyof typeof WHITEPAPER_LINKS;
  workload: Workload;
  bandwidthGbps: number;
  timeSec: number;
  dataSizeGb: number;
};

/** The four rows of the whitepaper's table, exactly as printed. */
export const WHITEPAPER_RESULTS: PublishedResult[] = [
  { link: "tenGbE", workload: "once", bandwidthGbps: 8.78, timeSec: 16.65, dataSizeGb: 145.45 },
  { link: "fortyGbE", workload: "once", bandwidthGbps: 19.87, timeSec: 7.465, dataSizeGb: 145.17 },
  { link: "tenGbE", workload: "continuous", bandwidthGbps: 8.43, timeSec: 38.93, dataSizeGb: 328.58 },
  { link: "fortyGbE", workload: "continuous", bandwidthGbps: 17.67, timeSec: 10.44, dataSizeGb: 179.15 },
];

/** How many times faster 40GbE migrated than 10GbE for a workload, from the published times. */
function publishedSpeedup(workload: Workload): number {
  const time = (link: PublishedResult["link"]) =>
    WHITEPAPER_RESULTS.find((r) => r.link === link && r.workload === workload)!.timeSec;
  return time("tenGbE") / time("fortyGbE");
}

export const WHITEPAPER_CAMPAIGN = {
  name: "Whitepaper: vMotion of a 16 GB VM, 10GbE vs 40GbE",
  status: "imported",
  // Kept on the overview: the comparison newcomers start from.
  pinned: true,
  iterations: 1,
  source: WHITEPAPER_SOURCE,
  // Computed from the table below the text, so the two can never disagree.
  notes:
    "Published averages imported as one run per cell. " +
    `Once: 40GbE ${publishedSpeedup("once").toFixed(2)}× faster (bound by PCIe Gen2, not the 40 Gb/s line). ` +
    `Continuous: 40GbE ${publishedSpeedup("continuous").toFixed(2)}× faster, since fewer dirtied pages must be re-sent.`,
} as const;

/** The simulated replica of the whitepaper testbed: same links and model parameters, simulator adapter. */
export const REPLICA_TESTBED = {
  name: "Whitepaper replica (simulated)",
  hypervisor: "simulator",
  sourceHost: "sim-esx-a (simulated)",
  destinationHost: "sim-esx-b (simulated)",
  hostMemoryBytes: 24 * BYTES_PER_GIB,
  connectionJson: "{}",
  maxConcurrentRuns: 2,
  notes:
    "The pre-copy model calibrated to the whitepaper's table. No hardware: the links are simulated, " +
    "with the same usable rates (10 Gb/s; 40 Gb/s line rate bound to ~27 Gb/s by PCIe Gen2 x8).",
} as const;

export const REPLICA_LINKS = [
  { ...WHITEPAPER_LINKS.tenGbE, name: "10GbE (simulated)", emulated: true, pathJson: "{}" },
  { ...WHITEPAPER_LINKS.fortyGbE, name: "40GbE (simulated, PCIe Gen2 x8 ~27 Gb/s)", emulated: true, pathJson: "{}" },
];

/**
 * Real QEMU live migrations on this machine: two local qemu-system-x86_64 processes over TCP on
 * loopback, the link rate emulated at 1/10 scale (10GbE → 1 Gb/s, 40GbE behind PCIe Gen2 x8 → 2.7 Gb/s).
 */
export const LOCAL_QEMU_TESTBED = {
  name: "Local QEMU (loopback)",
  hypervisor: "qemu",
  sourceHost: "localhost (QEMU source, TCG)",
  destinationHost: "localhost (QEMU destination, TCG)",
  hostMemoryBytes: null,
  linkScale: 0.1,
  maxConcurrentRuns: 1,
  connectionJson: JSON.stringify({ runTimeoutSec: 120, downtimeLimitMs: 300 }),
  // What these hosts cost a migration stream, measured here (docs/calibration-local-qemu.md: 36 runs, tc-shaped):
  // a dirtying guest streams at 98.4% of an idle one's rate (its vCPU and the migration thread each have a core),
  // QEMU sends no more than the memory (268.3 MB for 256 MiB), the pause's fixed part is ~5 ms, and one stream
  // carries ~3.5 Gb/s (the destination faults pages in). Not the vMotion calibration's 92% and 5.8%.
  modelDirtyingRateFactor: 0.984,
  modelWireOverhead: 1,
  modelSwitchoverMs: 5,
  modelStreamCeilingGbps: 3.5,
  // The boot-sector guest, paced by rdtsc under TCG, dirties ~95% of the rate asked (19.0 of 20 … 95.1 of 100 MB/s).
  modelDirtyRateFidelity: 0.95,
  notes:
    "Real live migration between two local QEMU processes over TCP on loopback, driven through QMP. " +
    "No 10/40GbE NIC is involved: the link rate is emulated with QEMU's max-bandwidth at 1/10 scale, " +
    "so 10GbE runs at 1 Gb/s and 40GbE (PCIe-bound at 27 Gb/s) at 2.7 Gb/s.",
} as const;

export const LOCAL_QEMU_LINKS = [
  {
    name: "10GbE (scaled)",
    lineRateGbps: 10,
    busLimitGbps: null,
    emulated: true,
    modelEfficiency: 0.994,
    modelSetupMs: 50,
    notes:
      "Emulated at 1/10 scale (tc where the machine allows, else QEMU max-bandwidth). Model fitted on this machine's QEMU.",
  },
  {
    name: "40GbE (scaled)",
    lineRateGbps: 40,
    busLimitGbps: 27,
    emulated: true,
    modelEfficiency: 0.994,
    modelSetupMs: 50,
    notes:
      "Emulated at 1/10 scale (tc where the machine allows, else QEMU max-bandwidth); bus limit as on PCIe Gen2 x8. Model as the 10GbE link's.",
  },
];

/** Small guests so a local campaign finishes in a minute; continuous converges on both scaled links. */
export const LOCAL_QEMU_PROFILES = [256, 1024].flatMap((mib) =>
  WORKLOADS.map((workload) => ({
    name: `QEMU ${mib >= 1024 ? `${mib / 1024} GiB` : `${mib} MiB`} · ${workload}`,
    memoryBytes: mib * 1024 * 1024,
    vcpuCount: 1,
    vmCount: 1,
    workload,
    dirtyRateBytesPerSec: workload === "continuous" ? 60e6 : null,
    workingSetBytes: null,
    notes: "For the Local QEMU testbed: a 512-byte boot-sector guest (lib/hypervisors/guest).",
  })),
);
