import { z } from "zod";
import { WORKLOADS } from "./profile";
import { idField, numberField, optionalNumberField, optionalTextField, textField } from "./fields";

const positive = (label: string, unit?: string) =>
  optionalNumberField(label, unit).refine((v) => v === undefined || v > 0, `${label} must be more than 0`);
const nonNegative = (label: string, unit?: string) =>
  optionalNumberField(label, unit).refine((v) => v === undefined || v >= 0, `${label} must not be negative`);
const wholeAtLeast = (label: string, min: number) =>
  optionalNumberField(label).refine((v) => v === undefined || (Number.isInteger(v) && v >= min), `${label} must be a whole number of at least ${min}`);

/**
 * One imported run: the export's columns (others, like runId or campaign, are ignored). The link
 * and VM profile are matched by name on the target testbed, or created from these columns.
 */
export const importRowSchema = z
  .object({
    link: textField("link", 200),
    lineRateGbps: numberField("lineRateGbps", "Gb/s").refine((v) => v > 0, "lineRateGbps must be more than 0"),
    busLimitGbps: positive("busLimitGbps", "Gb/s"),
    profile: textField("profile", 200),
    memoryBytes: numberField("memoryBytes").refine((v) => v > 0, "memoryBytes must be more than 0"),
    vmCount: wholeAtLeast("vmCount", 1),
    vcpuCount: wholeAtLeast("vcpuCount", 1),
    workload: z.enum(WORKLOADS, { error: "workload must be idle, once or continuous" }),
    dirtyRateBytesPerSec: nonNegative("dirtyRateBytesPerSec"),
    workingSetBytes: positive("workingSetBytes"),
    iteration: wholeAtLeast("iteration", 1),
    status: z.preprocess((v) => (v === "" || v == null ? "succeeded" : v), z.enum(["succeeded", "failed"], { error: "status must be succeeded or failed" })),
    durationMs: positive("durationMs", "ms"),
    downtimeMs: nonNegative("downtimeMs", "ms"),
    transferredBytes: nonNegative("transferredBytes"),
    throughputGbps: nonNegative("throughputGbps", "Gb/s"),
    precopyRounds: wholeAtLeast("precopyRounds", 0),
    observedDirtyRateBytesPerSec: nonNegative("observedDirtyRateBytesPerSec"),
    errorReason: optionalTextField("errorReason", 2000),
  })
  .superRefine((r, ctx) => {
    if (r.status === "succeeded" && r.durationMs === undefined) ctx.addIssue({ code: "custom", path: ["durationMs"], message: "a succeeded run needs durationMs" });
    if (r.status === "failed" && !r.errorReason) ctx.addIssue({ code: "custom", path: ["errorReason"], message: "a failed run needs errorReason" });
  })
  .transform((r) => ({
    ...r,
    vmCount: r.vmCount ?? 1,
    vcpuCount: r.vcpuCount ?? 1,
    iteration: r.iteration ?? 1,
    // Bandwidth as published when given; otherwise from size and time.
    throughputGbps: r.throughputGbps ?? (r.transferredBytes !== undefined && r.durationMs ? (r.transferredBytes * 8) / (r.durationMs / 1000) / 1e9 : undefined),
  }));

export type ImportRow = z.output<typeof importRowSchema>;

/** The import form's own fields: where the runs go and where they come from. */
export const importTargetSchema = z.object({
  testbedId: z.preprocess((v) => (v === "" ? undefined : v), idField.optional()).refine((v) => v !== undefined, "Choose the testbed the runs were measured on"),
  name: textField("Campaign name", 200),
  source: textField("Source", 1000),
});
