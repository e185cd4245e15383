import { z } from "zod";
import { BYTES_PER_GIB } from "@/lib/format/units";
import { numberField, optionalNumberField, optionalTextField, textField } from "./fields";

export const WORKLOADS = ["idle", "once", "continuous"] as const;
export type Workload = (typeof WORKLOADS)[number];

export const WORKLOAD_LABELS: Record<Workload, string> = {
  idle: "Idle — memory never touched",
  once: "Once — filled once, then read-only",
  continuous: "Continuous — dirtied before, during and after migration",
};

/** A VM profile as entered in the profile form (memory in GiB, dirty rate in MB/s). */
export const vmProfileSchema = z
  .object({
    name: textField("Name"),
    memoryGiB: numberField("Memory", "GiB").refine(
      (v) => v > 0 && v <= 16384,
      "Memory must be more than 0 and at most 16384 GiB",
    ),
    vcpuCount: numberField("vCPUs").refine(
      (v) => Number.isInteger(v) && v >= 1 && v <= 768,
      "vCPUs must be a whole number from 1 to 768",
    ),
    vmCount: numberField("Number of VMs").refine(
      (v) => Number.isInteger(v) && v >= 1 && v <= 128,
      "Number of VMs must be a whole number from 1 to 128",
    ),
    workload: z.enum(WORKLOADS, { error: "Choose a workload: idle, once or continuous" }),
    dirtyRateMBps: optionalNumberField("Dirty rate", "MB/s").refine(
      (v) => v === undefined || v > 0,
      "Dirty rate must be more than 0 MB/s",
    ),
    workingSetGiB: optionalNumberField("Writable working set", "GiB").refine(
      (v) => v === undefined || v > 0,
      "Writable working set must be more than 0 GiB",
    ),
    notes: optionalTextField("Notes"),
  })
  .superRefine((p, ctx) => {
    if (p.workload === "continuous" && p.dirtyRateMBps === undefined) {
      ctx.addIssue({ code: "custom", path: ["dirtyRateMBps"], message: "A continuous workload needs a dirty rate in MB/s" });
    }
    if (p.workingSetGiB !== undefined && p.workingSetGiB > p.memoryGiB) {
      ctx.addIssue({ code: "custom", path: ["workingSetGiB"], message: "Writable working set cannot exceed the VM's memory" });
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
    workingSetBytes: p.workload === "continuous" && p.workingSetGiB !== undefined ? p.workingSetGiB * BYTES_PER_GIB : null,
    notes: p.notes,
  }));

export type VmProfileInput = z.output<typeof vmProfileSchema>;
