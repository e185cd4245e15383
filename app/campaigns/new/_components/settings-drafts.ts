import {
  DEFAULT_SETTINGS,
  SWEEP_VARIABLES,
  unusedStrategy,
  type Capability,
  type MigrationSettings,
  type Strategy,
  type SweepVariable,
  settingsKey,
} from "@/lib/model/migration-settings";
import { settingsVariantSchema, SWEEP_BOUNDS, sweepSchema } from "@/lib/schemas/migration-settings";

/*
 * The launch form's migration settings as typed (display units: MiB, ms, %, MB/s, GiB) and as posted
 * (JSON in base units, which the campaign schema checks).
 */

export const MIB = 2 ** 20;

export type VariantDraft = {
  strategy: Strategy;
  postcopyAfterRounds: string;
  throttleInitialPct: string;
  throttleIncrementPct: string;
  multifdChannels: string;
  xbzrleCacheMiB: string;
  downtimeLimitMs: string;
  bandwidthPct: string;
};

export type SweepDraft = {
  variable: SweepVariable | "";
  mode: "list" | "range";
  list: string;
  from: string;
  to: string;
  steps: string;
};

export const DEFAULT_VARIANT_DRAFT: VariantDraft = draftOf(DEFAULT_SETTINGS);
export const NO_SWEEP: SweepDraft = { variable: "", mode: "range", list: "", from: "", to: "", steps: "7" };

export function draftOf(s: MigrationSettings): VariantDraft {
  const text = (v: number | null, per = 1) => (v === null ? "" : String(+(v / per).toPrecision(6)));
  return {
    strategy: s.strategy,
    postcopyAfterRounds: text(s.postcopyAfterRounds),
    throttleInitialPct: String(s.throttleInitialPct),
    throttleIncrementPct: String(s.throttleIncrementPct),
    multifdChannels: String(s.multifdChannels),
    xbzrleCacheMiB: text(s.xbzrleCacheBytes, MIB),
    downtimeLimitMs: text(s.downtimeLimitMs),
    bandwidthPct: text(s.bandwidthScale, 0.01),
  };
}

/** A typed number, scaled; blank is null; anything else goes as typed, for the schema to refuse with its message. */
function numberOf(text: string, per = 1): number | string | null {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n * per : t;
}

export const STRATEGY_NEEDS: Record<Strategy, Capability | null> = {
  precopy: null,
  "auto-converge": "auto-converge",
  postcopy: "postcopy",
  "postcopy-after-rounds": "postcopy",
};

/** A draft's settings key as the server will read it (null while it does not parse). */
export function draftKey(d: VariantDraft, capabilities: Record<Capability, string | null> | null): string | null {
  const parsed = settingsVariantSchema.safeParse(variantJson(d, capabilities));
  return parsed.success ? settingsKey(parsed.data) : null;
}

/**
 * The variant *Add a variant* appends: the last one's settings under the first strategy no variant uses
 * and the testbed applies, whose settings are not an earlier variant's (post-copy after a blank number
 * of rounds is post-copy after 1, which reads as plain post-copy: it starts at 2 rounds); the copy itself
 * once none is left, for the user to change a setting.
 */
export function nextVariantDraft(
  variants: readonly VariantDraft[],
  capabilities: Record<Capability, string | null> | null,
): VariantDraft {
  const last = variants[variants.length - 1] ?? DEFAULT_VARIANT_DRAFT;
  const applies = (s: Strategy) => {
    const need = STRATEGY_NEEDS[s];
    return !need || !capabilities?.[need];
  };
  const keys = new Set(variants.map((v) => draftKey(v, capabilities)));
  const used: Strategy[] = variants.map((v) => v.strategy);
  for (let strategy = unusedStrategy(used, applies); strategy; strategy = unusedStrategy(used, applies)) {
    const draft: VariantDraft = {
      ...last,
      strategy,
      ...(strategy === "postcopy-after-rounds" && !last.postcopyAfterRounds.trim() ? { postcopyAfterRounds: "2" } : {}),
    };
    if (!keys.has(draftKey(draft, capabilities))) return draft;
    used.push(strategy);
  }
  return { ...last };
}

/** The variant as the schema reads it (base units), without what the testbed cannot apply. */
export function variantJson(
  d: VariantDraft,
  capabilities: Record<Capability, string | null> | null = null,
): Record<string, unknown> {
  const can = (c: Capability) => !capabilities?.[c];
  const need = STRATEGY_NEEDS[d.strategy];
  if (need && !can(need)) d = { ...d, strategy: "precopy" };
  if (!can("multifd")) d = { ...d, multifdChannels: "1" };
  if (!can("xbzrle")) d = { ...d, xbzrleCacheMiB: "" };
  if (!can("downtime-limit")) d = { ...d, downtimeLimitMs: "" };
  if (!can("max-bandwidth")) d = { ...d, bandwidthPct: "" };
  const out: Record<string, unknown> = { strategy: d.strategy };
  if (d.strategy === "postcopy-after-rounds") out.postcopyAfterRounds = numberOf(d.postcopyAfterRounds) ?? 1;
  if (d.strategy === "auto-converge") {
    out.throttleInitialPct = numberOf(d.throttleInitialPct) ?? DEFAULT_SETTINGS.throttleInitialPct;
    out.throttleIncrementPct = numberOf(d.throttleIncrementPct) ?? DEFAULT_SETTINGS.throttleIncrementPct;
  }
  out.multifdChannels = numberOf(d.multifdChannels) ?? 1;
  out.xbzrleCacheBytes = numberOf(d.xbzrleCacheMiB, MIB);
  out.downtimeLimitMs = numberOf(d.downtimeLimitMs);
  out.bandwidthScale = numberOf(d.bandwidthPct, 0.01);
  return out;
}

/** The sweep as the schema reads it (base units); null when none is chosen. */
export function sweepJson(d: SweepDraft): Record<string, unknown> | null {
  if (!d.variable) return null;
  const per = SWEEP_VARIABLES[d.variable].perDisplayUnit;
  if (d.mode === "list")
    return {
      variable: d.variable,
      values: d.list
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((v) => numberOf(v, per)),
    };
  return {
    variable: d.variable,
    from: numberOf(d.from, per),
    to: numberOf(d.to, per),
    steps: numberOf(d.steps),
  };
}

/** The sweep of `variable` as the form starts it: its round default range in the steps already chosen. */
export function sweepOf(d: SweepDraft, variable: SweepVariable | ""): SweepDraft {
  if (!variable || variable === d.variable) return { ...d, variable };
  const [from, to] = SWEEP_VARIABLES[variable].range;
  return { ...d, variable, from: String(from), to: String(to), list: "" };
}

/**
 * Why the sweep gives no runs, in the units typed (the schema speaks base units, for the API); null when
 * it is valid or there is none.
 */
export function sweepProblem(d: SweepDraft): string | null {
  if (!d.variable) return null;
  const parsed = sweepSchema.safeParse(sweepJson(d));
  if (parsed.success) return null;
  const { label, unit, perDisplayUnit } = SWEEP_VARIABLES[d.variable];
  if (d.mode === "list" && !d.list.trim()) return `Give the ${label.toLowerCase()} values to sweep (${unit}).`;
  if (d.mode === "range" && (!d.from.trim() || !d.to.trim()))
    return `Give From and To (${unit}) to sweep the ${label.toLowerCase()}.`;
  const typed = d.mode === "list" ? d.list.split(/[\s,;]+/).filter(Boolean) : [d.from, d.to];
  const b = SWEEP_BOUNDS[d.variable];
  const shown = (v: number) => +(v / perDisplayUnit).toPrecision(6);
  const outside = typed.find((t) => {
    const v = Number(t) * perDisplayUnit;
    return Number.isFinite(v) && (v < b.min || v > b.max);
  });
  if (outside !== undefined)
    return `${label} values must be from ${shown(b.min)} to ${shown(b.max)} ${unit}; ${outside} is not.`;
  return parsed.error.issues[0]?.message ?? "This sweep is not valid.";
}

/** A sweep's values in base units as the schema reads them (for predictions and the run count); [] until valid. */
export function sweepValues(d: SweepDraft): number[] {
  const parsed = sweepSchema.safeParse(sweepJson(d));
  return parsed.success ? parsed.data.values : [];
}
