import { z } from "zod";
import { BYTES_PER_GIB } from "@/lib/format/units";
import { numberInput, optionalNumberInput, optionalTextField, textField, type NumberBounds } from "./fields";

/** Bounds that make physical sense, shared by the profile form and imports. */
export const PROFILE_LIMITS = { memoryGiB: 16_384, vcpuCount: 768, vmCount: 128, dirtyRateMBps: 1_000_000 } as const;

import { WORKLOADS, type Workload } from "@/lib/model/vocabulary";

export { WORKLOADS, type Workload } from "@/lib/model/vocabulary";

export const WORKLOAD_LABELS: Record<Workload, string> = {
  idle: "Idle — memory never touched",
  once: "Once — filled once, then read-only",
  continuous: "Continuous — dirtied before, during and after migration",
};

/** Bounds of the profile form's numbers: the schema checks them, the form's inputs carry them. */
export const PROFILE_BOUNDS = {
  memoryGiB: { unit: "GiB", min: 0, minExclusive: true, max: PROFILE_LIMITS.memoryGiB },
  vcpuCount: { int: true, min: 1, max: PROFILE_LIMITS.vcpuCount },
  vmCount: { int: true, min: 1, max: PROFILE_LIMITS.vmCount },
  dirtyRateMBps: { unit: "MB/s", min: 0, minExclusive: true, max: PROFILE_LIMITS.dirtyRateMBps },
  workingSetGiB: { unit: "GiB", min: 0, minExclusive: true, max: PROFILE_LIMITS.memoryGiB },
} satisfies Record<string, NumberBounds>;

/** A VM profile as entered in the profile form (memory in GiB, dirty rate in MB/s). */
export const vmProfileSchema = z
  .object({
    name: textField("Name", 200),
    memoryGiB: numberInput("form", "Memory", PROFILE_BOUNDS.memoryGiB),
    vcpuCount: numberInput("form", "vCPUs", PROFILE_BOUNDS.vcpuCount),
    vmCount: numberInput("form", "Number of VMs", PROFILE_BOUNDS.vmCount),
    workload: z.enum(WORKLOADS, { error: "Choose a workload: idle, once or continuous" }),
    dirtyRateMBps: optionalNumberInput("form", "Dirty rate", PROFILE_BOUNDS.dirtyRateMBps),
    workingSetGiB: optionalNumberInput("form", "Writable working set", PROFILE_BOUNDS.workingSetGiB),
    notes: optionalTextField("Notes"),
  })
  .superRefine((p, ctx) => {
    if (p.workload === "continuous" && p.dirtyRateMBps === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["dirtyRateMBps"],
        message: "A continuous workload needs a dirty rate in MB/s",
      });
    }
    if (p.workingSetGiB !== undefined && p.workingSetGiB > p.memoryGiB) {
      ctx.addIssue({
        code: "custom",
        path: ["workingSetGiB"],
        message: "Writable working set cannot exceed the VM's memory",
      });
    }
  })
  .transform((p) => ({
    name: p.name,
    memoryBytes: p.memoryGiB * BYTES_PER_GIB,
    vcpuCount: p.vcpuCount,
    vmCount: p.vmCount,
    workload: p.workload,
    // Idle and once workloads do not dirty memory during the migration.
    dirtyRateBytesPerSec: p.workload === "continuous" && p.dirtyRateMBps !== undefined ? p.dirtyRateMBps * 1e6 : null,
    workingSetBytes:
      p.workload === "continuous" && p.workingSetGiB !== undefined ? p.workingSetGiB * BYTES_PER_GIB : null,
    notes: p.notes,
  }));

export type VmProfileInput = z.output<typeof vmProfileSchema>;
