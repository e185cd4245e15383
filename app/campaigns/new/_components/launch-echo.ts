import type { ActionState } from "@/lib/schemas/action-state";
import { settingsVariantSchema } from "@/lib/schemas/migration-settings";
import { SWEEP_VARIABLES, type SweepVariable } from "@/lib/model/migration-settings";
import { DEFAULT_VARIANT_DRAFT, draftOf, NO_SWEEP, type SweepDraft, type VariantDraft } from "./settings-drafts";

/*
 * A refused launch comes back with what was sent (ActionState.values): the form starts again from it.
 */

/** The variants sent with a refused launch, back as drafts (the defaults when unreadable). */
export function variantsFrom(state: ActionState): VariantDraft[] {
  if (state.ok !== false || !state.values.variants) return [DEFAULT_VARIANT_DRAFT];
  try {
    const sent = JSON.parse(state.values.variants) as unknown[];
    const drafts = sent.map((v) => settingsVariantSchema.safeParse(v)).filter((r) => r.success);
    return drafts.length ? drafts.map((r) => draftOf(r.data)) : [DEFAULT_VARIANT_DRAFT];
  } catch {
    return [DEFAULT_VARIANT_DRAFT];
  }
}

/** The sweep sent with a refused launch, back as a list draft. */
export function sweepFrom(state: ActionState): SweepDraft {
  if (state.ok !== false || !state.values.sweep) return NO_SWEEP;
  try {
    const sent = JSON.parse(state.values.sweep) as { variable?: string; values?: unknown[] } | null;
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

/** Ids sent with a refused launch under `key` (null: none sent). */
export function idsFrom(state: ActionState, key: string): number[] | null {
  if (state.ok !== false || !(key in state.values)) return null;
  return state.values[key].split(",").filter(Boolean).map(Number);
}
