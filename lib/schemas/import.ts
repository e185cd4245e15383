import { z } from "zod";
import { WORKLOADS } from "./profile";
import { idInput, numberInput, optionalNumberInput, optionalTextField, textField, type InputMode } from "./fields";
import { PROFILE_LIMITS } from "./profile";
import { MAX_LINK_GBPS } from "./link";
import { throughputGbps } from "@/lib/model/rates";
import { STRATEGIES, SWEEP_VARIABLE_NAMES, type SweepVariable } from "@/lib/model/migration-settings";
import { SETTINGS_BOUNDS, settingsVariantSchema } from "./migration-settings";

const GIB = 1024 ** 3;
const WEEK_MS = 7 * 86_400_000;

/**
 * One imported run: the export's columns (others, like runId or campaign, are ignored). The link
 * and VM profile are matched by name on the target testbed, or created from these columns. The
 * bounds are the forms' (a profile of 5e7 VMs cannot come in through a file either). CSV files are
 * read in "form" mode (strings), JSON files in "json" mode (numbers are numbers).
 */
function importRow(mode: InputMode) {
  const bytes = (label: string, max: number) =>
    optionalNumberInput(mode, label, { min: 0, max, message: `${label} must be from 0 to ${max} bytes` });
  return z
    .object({
      link: textField("link", 200),
      lineRateGbps: numberInput(mode, "lineRateGbps", { unit: "Gb/s", min: 0, minExclusive: true, max: MAX_LINK_GBPS }),
      busLimitGbps: optionalNumberInput(mode, "busLimitGbps", {
        unit: "Gb/s",
        min: 0,
        minExclusive: true,
        max: MAX_LINK_GBPS,
      }),
      profile: textField("profile", 200),
      memoryBytes: numberInput(mode, "memoryBytes", {
        min: 0,
        minExclusive: true,
        max: PROFILE_LIMITS.memoryGiB * GIB,
        message: `memoryBytes must be more than 0 and at most ${PROFILE_LIMITS.memoryGiB} GiB`,
      }),
      vmCount: optionalNumberInput(mode, "vmCount", { int: true, min: 1, max: PROFILE_LIMITS.vmCount }),
      vcpuCount: optionalNumberInput(mode, "vcpuCount", { int: true, min: 1, max: PROFILE_LIMITS.vcpuCount }),
      workload: z.enum(WORKLOADS, { error: "workload must be idle, once or continuous" }),
      dirtyRateBytesPerSec: bytes("dirtyRateBytesPerSec", PROFILE_LIMITS.dirtyRateMBps * 1e6),
      workingSetBytes: optionalNumberInput(mode, "workingSetBytes", {
        min: 0,
        minExclusive: true,
        max: PROFILE_LIMITS.memoryGiB * GIB,
        message: `workingSetBytes must be more than 0 and at most ${PROFILE_LIMITS.memoryGiB} GiB`,
      }),
      iteration: optionalNumberInput(mode, "iteration", { int: true, min: 1, max: 100 }),
      status: z.preprocess(
        (v) => (v === "" || v == null ? "succeeded" : v),
        z.enum(["succeeded", "failed"], { error: "status must be succeeded or failed" }),
      ),
      durationMs: optionalNumberInput(mode, "durationMs", {
        unit: "ms",
        min: 0,
        minExclusive: true,
        max: WEEK_MS,
        message: `durationMs must be more than 0 and at most ${WEEK_MS} (a week)`,
      }),
      downtimeMs: optionalNumberInput(mode, "downtimeMs", { unit: "ms", min: 0, max: WEEK_MS }),
      guestPauseMs: optionalNumberInput(mode, "guestPauseMs", { unit: "ms", min: 0, max: WEEK_MS }),
      transferredBytes: bytes("transferredBytes", 1e18),
      wireBytes: bytes("wireBytes", 1e18),
      throughputGbps: optionalNumberInput(mode, "throughputGbps", { unit: "Gb/s", min: 0, max: 10_000 }),
      precopyRounds: optionalNumberInput(mode, "precopyRounds", { int: true, min: 0, max: 1_000_000 }),
      observedDirtyRateBytesPerSec: bytes("observedDirtyRateBytesPerSec", PROFILE_LIMITS.dirtyRateMBps * 1e6),
      errorReason: optionalTextField("errorReason", 2000),
      // The settings variant and swept value (as exported); absent: the defaults, no sweep.
      strategy: z.preprocess(
        (v) => (v === "" || v == null ? undefined : v),
        z.enum(STRATEGIES, { error: `strategy must be one of ${STRATEGIES.join(", ")}` }).optional(),
      ),
      postcopyAfterRounds: optionalNumberInput(mode, "postcopyAfterRounds", SETTINGS_BOUNDS.postcopyAfterRounds),
      throttleInitialPct: optionalNumberInput(mode, "throttleInitialPct", SETTINGS_BOUNDS.throttlePct),
      throttleIncrementPct: optionalNumberInput(mode, "throttleIncrementPct", SETTINGS_BOUNDS.throttlePct),
      multifdChannels: optionalNumberInput(mode, "multifdChannels", SETTINGS_BOUNDS.multifdChannels),
      xbzrleCacheBytes: optionalNumberInput(mode, "xbzrleCacheBytes", SETTINGS_BOUNDS.xbzrleCacheBytes),
      downtimeLimitMs: optionalNumberInput(mode, "downtimeLimitMs", SETTINGS_BOUNDS.downtimeLimitMs),
      bandwidthScale: optionalNumberInput(mode, "bandwidthScale", SETTINGS_BOUNDS.bandwidthScale),
      sweepVariable: z.preprocess(
        (v) => (v === "" || v == null ? undefined : v),
        z
          .enum(SWEEP_VARIABLE_NAMES as [SweepVariable, ...SweepVariable[]], {
            error: `sweepVariable must be one of ${SWEEP_VARIABLE_NAMES.join(", ")}`,
          })
          .optional(),
      ),
      sweepValue: optionalNumberInput(mode, "sweepValue", { min: 0, max: 1e18 }),
    })
    .superRefine((r, ctx) => {
      if (r.status === "succeeded" && r.durationMs === undefined)
        ctx.addIssue({ code: "custom", path: ["durationMs"], message: "a succeeded run needs durationMs" });
      if (r.status === "failed" && !r.errorReason)
        ctx.addIssue({ code: "custom", path: ["errorReason"], message: "a failed run needs errorReason" });
      if ((r.sweepVariable === undefined) !== (r.sweepValue === undefined))
        ctx.addIssue({ code: "custom", path: ["sweepValue"], message: "sweepVariable and sweepValue go together" });
    })
    .transform(({ strategy, postcopyAfterRounds, throttleInitialPct, throttleIncrementPct, ...r }) => ({
      ...r,
      // The same bounds as a launch's variants: this parse cannot fail.
      settings: settingsVariantSchema.parse({
        strategy,
        postcopyAfterRounds,
        throttleInitialPct,
        throttleIncrementPct,
        multifdChannels: r.multifdChannels,
        xbzrleCacheBytes: r.xbzrleCacheBytes,
        downtimeLimitMs: r.downtimeLimitMs,
        bandwidthScale: r.bandwidthScale,
      }),
      vmCount: r.vmCount ?? 1,
      vcpuCount: r.vcpuCount ?? 1,
      iteration: r.iteration ?? 1,
      // Bandwidth as published when given; otherwise from size and time.
      throughputGbps:
        r.throughputGbps ??
        (r.transferredBytes !== undefined && r.durationMs
          ? (throughputGbps(r.transferredBytes, r.durationMs) ?? undefined)
          : undefined),
    }));
}

/** A row of a CSV file (every value a string). */
export const importCsvRowSchema = importRow("form");
/** A run of a JSON file. */
export const importJsonRowSchema = importRow("json");

export type ImportRow = z.output<typeof importCsvRowSchema>;

/** The import form's own fields: where the runs go and where they come from. */
export const importTargetSchema = z.object({
  testbedId: idInput("form", "Choose the testbed the runs were measured on"),
  name: textField("Campaign name", 200),
  source: textField("Source", 1000),
});
