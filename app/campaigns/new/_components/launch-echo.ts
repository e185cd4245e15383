import type { ActionState } from "@/lib/schemas/action-state";
import { settingsVariantSchema } from "@/lib/schemas/migration-settings";
import { SWEEP_VARIABLES, type SweepVariable } from "@/lib/model/migration-settings";
import { DEFAULT_VARIANT_DRAFT, draftOf, NO_SWEEP, type SweepDraft, type VariantDraft } from "./settings-drafts";

/*
 * A refused launch comes back with what was sent (ActionState.values): the form starts again from it.
 * "Launch again" hands the form a campaign's settings in the same shape, so both read through here.
 */

/** The values the form starts from: what a refused launch sent, else the prefill (a campaign launched again). */
export function startingValues(
  state: ActionState,
  prefill: Record<string, string> | undefined,
): Record<string, string> | null {
  if (state.ok === false) return state.values;
  return state.ok === null ? (prefill ?? null) : null;
}

/** The variants sent with a refused launch (or prefilled), back as drafts (the defaults when unreadable). */
export function variantsFrom(values: Record<string, string> | null): VariantDraft[] {
  if (!values?.variants) return [DEFAULT_VARIANT_DRAFT];
  try {
    const sent = JSON.parse(values.variants) as unknown[];
    const drafts = sent.map((v) => settingsVariantSchema.safeParse(v)).filter((r) => r.success);
    return drafts.length ? drafts.map((r) => draftOf(r.data)) : [DEFAULT_VARIANT_DRAFT];
  } catch {
    return [DEFAULT_VARIANT_DRAFT];
  }
}

/** The sweep sent with a refused launch (or prefilled), back as a list draft. */
export function sweepFrom(values: Record<string, string> | null): SweepDraft {
  if (!values?.sweep) return NO_SWEEP;
  try {
    const sent = JSON.parse(values.sweep) as { variable?: string; values?: unknown[] } | null;
    if (!sent?.variable || !(sent.variable in SWEEP_VARIABLES) || !Array.isArray(sent.values)) return NO_SWEEP;
    const per = SWEEP_VARIABLES[sent.variable as SweepVariable].perDisplayUnit;
    return {
      ...NO_SWEEP,
      variable: sent.variable as SweepVariable,
      mode: "list",
      list: sent.values.map((v) => (typeof v === "number" ? String(+(v / per).toPrecision(6)) : String(v))).join(", "),
    };
  } catch {
    return NO_SWEEP;
  }
}

/** Ids sent with a refused launch (or prefilled) under `key` (null: none sent). */
export function idsFrom(values: Record<string, string> | null, key: string): number[] | null {
  if (!values || !(key in values)) return null;
  return values[key].split(",").filter(Boolean).map(Number);
}
