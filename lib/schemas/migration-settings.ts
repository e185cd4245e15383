import { z } from "zod";
import { BYTES_PER_GIB } from "@/lib/format/units";
import {
  DEFAULT_SETTINGS,
  STRATEGIES,
  SWEEP_VARIABLE_NAMES,
  SWEEP_VARIABLES,
  settingsKey,
  type MigrationSettings,
  type Sweep,
  type SweepVariable,
} from "@/lib/model/migration-settings";
import { PROFILE_LIMITS } from "./profile";
import type { NumberBounds } from "./fields";

/* A campaign's settings variants and its sweep: one schema for the launch form, the JSON API,
   schedules and tests. Values are in base units (bytes, ms, shares); the form converts as it builds them. */

export const MAX_VARIANTS = 16;
export const MAX_SWEEP_VALUES = 50;

export const SETTINGS_BOUNDS = {
  postcopyAfterRounds: { int: true, min: 1, max: 30 },
  throttlePct: { int: true, min: 1, max: 99, unit: "%" },
  multifdChannels: { int: true, min: 1, max: 16 },
  xbzrleCacheBytes: { min: 2 ** 20, max: 64 * BYTES_PER_GIB, message: "XBZRLE cache must be from 1 MiB to 64 GiB" },
  downtimeLimitMs: { min: 1, max: 60_000, unit: "ms" },
  bandwidthScale: {
    min: 0,
    minExclusive: true,
    max: 1,
    message: "Bandwidth cap must be more than 0% and at most 100%",
  },
} as const satisfies Record<string, NumberBounds>;

/** Bounds of each swept variable, in base units. */
export const SWEEP_BOUNDS: Record<SweepVariable, { min: number; max: number; int?: boolean }> = {
  dirtyRate: { min: 0, max: PROFILE_LIMITS.dirtyRateMBps * 1e6 },
  bandwidth: { min: 0.001, max: 1 },
  downtimeLimit: SETTINGS_BOUNDS.downtimeLimitMs,
  memory: { min: 2 ** 20, max: PROFILE_LIMITS.memoryGiB * BYTES_PER_GIB },
  vmCount: { min: 1, max: PROFILE_LIMITS.vmCount, int: true },
};

function bounded(label: string, b: NumberBounds) {
  const message =
    b.message ??
    (b.int
      ? `${label} must be a whole number from ${b.min} to ${b.max}${b.unit ? ` ${b.unit}` : ""}`
      : `${label} must be from ${b.min} to ${b.max}${b.unit ? ` ${b.unit}` : ""}`);
  return z
    .number({ error: `${label} must be a number` })
    .refine(
      (v) =>
        Number.isFinite(v) &&
        (!b.int || Number.isInteger(v)) &&
        (b.minExclusive ? v > b.min! : v >= b.min!) &&
        v <= b.max!,
      message,
    );
}
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === undefined ? null : v), schema.nullable());

/** One settings variant. Absent fields take the defaults; null means "the hypervisor's default" / "off". */
export const settingsVariantSchema = z
  .strictObject(
    {
      strategy: z
        .enum(STRATEGIES, { error: `Strategy is one of ${STRATEGIES.join(", ")}` })
        .default(DEFAULT_SETTINGS.strategy),
      postcopyAfterRounds: optional(bounded("Post-copy after rounds", SETTINGS_BOUNDS.postcopyAfterRounds)),
      throttleInitialPct: bounded("Initial throttle", SETTINGS_BOUNDS.throttlePct).default(
        DEFAULT_SETTINGS.throttleInitialPct,
      ),
      throttleIncrementPct: bounded("Throttle increment", SETTINGS_BOUNDS.throttlePct).default(
        DEFAULT_SETTINGS.throttleIncrementPct,
      ),
      multifdChannels: bounded("Multifd channels", SETTINGS_BOUNDS.multifdChannels).default(1),
      xbzrleCacheBytes: optional(bounded("XBZRLE cache", SETTINGS_BOUNDS.xbzrleCacheBytes)),
      downtimeLimitMs: optional(bounded("Downtime limit", SETTINGS_BOUNDS.downtimeLimitMs)),
      bandwidthScale: optional(bounded("Bandwidth cap", SETTINGS_BOUNDS.bandwidthScale)),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Unknown setting: ${issue.keys.join(", ")}`
          : "A settings variant is an object",
    },
  )
  .transform((v): MigrationSettings => ({
    ...v,
    // Only post-copy after N rounds uses N; the throttle only matters to auto-converge.
    postcopyAfterRounds: v.strategy === "postcopy-after-rounds" ? (v.postcopyAfterRounds ?? 1) : null,
    throttleInitialPct: v.strategy === "auto-converge" ? v.throttleInitialPct : DEFAULT_SETTINGS.throttleInitialPct,
    throttleIncrementPct:
      v.strategy === "auto-converge" ? v.throttleIncrementPct : DEFAULT_SETTINGS.throttleIncrementPct,
  }));

/** A campaign's variants: one to MAX_VARIANTS, no two alike; absent or empty means the defaults only. */
export const settingsVariantsSchema = z
  .preprocess(
    (v) => (v === undefined || v === null || (Array.isArray(v) && v.length === 0) ? [{}] : v),
    z
      .array(settingsVariantSchema, { error: "Settings variants are a list" })
      .max(MAX_VARIANTS, `At most ${MAX_VARIANTS} settings variants`),
  )
  .superRefine((variants, ctx) => {
    const seen = new Set<string>();
    variants.forEach((v, i) => {
      const key = settingsKey(v);
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: [i], message: `Variant ${i + 1} repeats “${key || "Pre-copy"}”` });
      seen.add(key);
    });
  });

/** A sweep: a list of values, or a range from → to in N steps (N values, ends included). */
export const sweepSchema = z
  .strictObject(
    {
      variable: z.enum(SWEEP_VARIABLE_NAMES as [SweepVariable, ...SweepVariable[]], {
        error: `The swept variable is one of ${SWEEP_VARIABLE_NAMES.join(", ")}`,
      }),
      values: z.array(z.number({ error: "Sweep values must be numbers" })).optional(),
      from: z.number({ error: "Sweep from must be a number" }).optional(),
      to: z.number({ error: "Sweep to must be a number" }).optional(),
      steps: z.number({ error: "Sweep steps must be a number" }).optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" ? `Unknown sweep field: ${issue.keys.join(", ")}` : "A sweep is an object",
    },
  )
  .transform((s, ctx): Sweep => {
    const b = SWEEP_BOUNDS[s.variable];
    const { label } = SWEEP_VARIABLES[s.variable];
    let values: number[];
    if (s.values !== undefined) {
      if (s.from !== undefined || s.to !== undefined || s.steps !== undefined)
        ctx.addIssue({ code: "custom", path: ["values"], message: "Give the sweep's values or its range, not both" });
      values = s.values;
    } else {
      if (s.from === undefined || s.to === undefined || s.steps === undefined) {
        ctx.addIssue({ code: "custom", path: ["values"], message: "Give the sweep's values, or from, to and steps" });
        return z.NEVER;
      }
      if (!Number.isInteger(s.steps) || s.steps < 2 || s.steps > MAX_SWEEP_VALUES) {
        ctx.addIssue({
          code: "custom",
          path: ["steps"],
          message: `Steps must be a whole number from 2 to ${MAX_SWEEP_VALUES}`,
        });
        return z.NEVER;
      }
      const { from, to, steps } = s;
      values = Array.from({ length: steps }, (_, i) => from + ((to - from) * i) / (steps - 1));
      if (b.int) values = values.map(Math.round);
    }
    values = [...new Set(values)].sort((x, y) => x - y);
    if (values.length < 1 || values.length > MAX_SWEEP_VALUES)
      ctx.addIssue({ code: "custom", path: ["values"], message: `A sweep has 1 to ${MAX_SWEEP_VALUES} values` });
    const bad = values.find((v) => !Number.isFinite(v) || v < b.min || v > b.max || (b.int && !Number.isInteger(v)));
    if (bad !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: `${label} values must be ${b.int ? "whole numbers " : ""}from ${b.min} to ${b.max} (base units); ${bad} is not`,
      });
    return { variable: s.variable, values };
  });

/** The form posts its variants and sweep as JSON text in hidden fields: the same schemas read it. */
export function jsonTextField<T extends z.ZodType>(schema: T, what: string) {
  return z.preprocess((v) => {
    if (typeof v !== "string") return v;
    if (v.trim() === "") return undefined;
    if (v.length > 20_000) return Symbol("too long");
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return Symbol(`${what} is not valid JSON`);
    }
  }, schema);
}
