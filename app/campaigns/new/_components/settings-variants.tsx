"use client";

import {
  CAPABILITY_LABELS,
  STRATEGIES,
  STRATEGY_LABELS,
  labelOfSettingsKey,
  type Capability,
  type Strategy,
} from "@/lib/model/migration-settings";
import { MAX_VARIANTS, SETTINGS_BOUNDS } from "@/lib/schemas/migration-settings";
import type { NumberBounds } from "@/lib/schemas/fields";
import {
  MIB,
  draftKey,
  nextVariantDraft,
  STRATEGY_NEEDS,
  sweepJson,
  variantJson,
  type SweepDraft,
  type VariantDraft,
} from "./settings-drafts";
import { SweepFields, type SweptProfile } from "./sweep-fields";
import { input, label, Numeric } from "./numeric-field";

export {
  DEFAULT_VARIANT_DRAFT,
  draftOf,
  NO_SWEEP,
  sweepProblem,
  sweepValues,
  variantJson,
  type SweepDraft,
  type VariantDraft,
} from "./settings-drafts";

/*
 * The launch form's migration settings: the variants a campaign runs (strategy, multifd channels,
 * XBZRLE cache, downtime limit, bandwidth cap) and the variable it sweeps (./sweep-fields.tsx).
 */

/**
 * A variant's numeric fields: the schema's bounds (base units) and the display unit's size in them
 * (`per`), the capability the testbed needs to apply it, and the strategy it belongs to.
 */
const VARIANT_FIELDS: {
  key: Exclude<keyof VariantDraft, "strategy">;
  id: string;
  label: string;
  bounds: NumberBounds;
  per?: number;
  /** The least the input offers, in display units, where the schema's lower bound is exclusive. */
  displayMin?: number;
  placeholder?: string;
  needs?: Capability;
  shownFor?: Strategy;
}[] = [
  {
    ...{ key: "postcopyAfterRounds", id: "rounds", label: "Switch after (rounds)", placeholder: "1" },
    ...{ bounds: SETTINGS_BOUNDS.postcopyAfterRounds, shownFor: "postcopy-after-rounds" },
  },
  {
    ...{ key: "throttleInitialPct", id: "throttle-initial", label: "Initial throttle (%)" },
    ...{ bounds: SETTINGS_BOUNDS.throttlePct, shownFor: "auto-converge" },
  },
  {
    ...{ key: "throttleIncrementPct", id: "throttle-increment", label: "Throttle step (%)" },
    ...{ bounds: SETTINGS_BOUNDS.throttlePct, shownFor: "auto-converge" },
  },
  {
    ...{ key: "multifdChannels", id: "multifd", label: "Multifd channels" },
    ...{ bounds: SETTINGS_BOUNDS.multifdChannels, needs: "multifd" },
  },
  {
    ...{ key: "xbzrleCacheMiB", id: "xbzrle", label: "XBZRLE cache (MiB)", placeholder: "off" },
    ...{ bounds: SETTINGS_BOUNDS.xbzrleCacheBytes, per: MIB, needs: "xbzrle" },
  },
  {
    ...{ key: "downtimeLimitMs", id: "downtime", label: "Downtime limit (ms)", placeholder: "default" },
    ...{ bounds: SETTINGS_BOUNDS.downtimeLimitMs, needs: "downtime-limit" },
  },
  {
    ...{ key: "bandwidthPct", id: "bandwidth", label: "Bandwidth cap (% of link)", placeholder: "none" },
    ...{ bounds: SETTINGS_BOUNDS.bandwidthScale, per: 0.01, displayMin: 1, needs: "max-bandwidth" },
  },
];

type Props = {
  variants: VariantDraft[];
  onVariants: (v: VariantDraft[]) => void;
  sweep: SweepDraft;
  onSweep: (s: SweepDraft) => void;
  /** The testbed adapter's capabilities: null where it applies the setting, else why not. */
  capabilities: Record<Capability, string | null> | null;
  /** The VM profiles chosen, for what the sweep does to them. */
  profiles: SweptProfile[];
};

/** For each variant, the label of the earlier one it repeats (the server refuses repeats), else null. */
function repeatsOf(
  variants: VariantDraft[],
  capabilities: Props["capabilities"],
): ({ n: number; label: string } | null)[] {
  const keys = variants.map((v) => draftKey(v, capabilities));
  return keys.map((key, i) => {
    const first = keys.indexOf(key);
    return key !== null && first < i ? { n: first + 1, label: labelOfSettingsKey(key) } : null;
  });
}

/** The variants and the sweep, with what the testbed cannot do greyed out and said. */
export function SettingsVariants({ variants, onVariants, sweep, onSweep, capabilities, profiles }: Props) {
  const refused = (c: Capability) => capabilities?.[c] ?? null;
  const unsupported = capabilities
    ? (Object.entries(capabilities).filter(([, why]) => why) as [Capability, string][])
    : [];
  const allRefused = capabilities !== null && unsupported.length === Object.keys(capabilities).length;
  const set = (i: number, patch: Partial<VariantDraft>) =>
    onVariants(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const repeats = repeatsOf(variants, capabilities);

  return (
    <fieldset aria-describedby="variants-error sweep-error" className="grid gap-3">
      <legend className="mb-1 text-sm font-medium text-slate-700">Migration settings</legend>
      {unsupported.length ? (
        <p role="note" className="text-xs text-slate-600">
          {allRefused
            ? `This testbed applies no migration settings: ${unsupported[0][1]}.`
            : `This testbed cannot apply ${unsupported.map(([c, why]) => `${CAPABILITY_LABELS[c]} (${why})`).join("; ")}.`}
        </p>
      ) : (
        <p className="text-xs text-slate-500">
          Each variant runs on every link and VM profile; add variants to compare strategies side by side. Blank fields
          keep the hypervisor&apos;s default.
        </p>
      )}
      <ol className="grid gap-3">
        {variants.map((v, i) => {
          const id = (f: string) => `variant-${i}-${f}`;
          const repeated = repeats[i];
          return (
            <li
              key={i}
              aria-label={`Variant ${i + 1}`}
              className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-3 lg:grid-cols-6"
            >
              <div className="sm:col-span-2">
                <label htmlFor={id("strategy")} className={label}>
                  Strategy (variant {i + 1})
                </label>
                <select
                  id={id("strategy")}
                  aria-describedby={repeated === null ? undefined : id("repeats")}
                  aria-invalid={repeated !== null}
                  value={v.strategy}
                  onChange={(e) => set(i, { strategy: e.target.value as Strategy })}
                  className={input}
                >
                  {STRATEGIES.map((s) => {
                    const need = STRATEGY_NEEDS[s];
                    const why = need ? refused(need) : null;
                    return (
                      <option key={s} value={s} disabled={!!why}>
                        {STRATEGY_LABELS[s]}
                        {why ? " — not on this testbed" : ""}
                      </option>
                    );
                  })}
                </select>
                {repeated !== null ? (
                  <p id={id("repeats")} role="alert" className="mt-1 text-xs text-amber-800">
                    Repeats variant {repeated.n} ({repeated.label}): change its strategy or a setting.
                  </p>
                ) : null}
              </div>
              {VARIANT_FIELDS.filter((f) => !f.shownFor || f.shownFor === v.strategy).map((f) => (
                <Numeric
                  key={f.key}
                  id={id(f.id)}
                  label={f.label}
                  placeholder={f.placeholder}
                  value={v[f.key]}
                  onChange={(x) => set(i, { [f.key]: x })}
                  min={f.bounds.minExclusive || f.bounds.min === undefined ? f.displayMin : f.bounds.min / (f.per ?? 1)}
                  max={f.bounds.max === undefined ? undefined : f.bounds.max / (f.per ?? 1)}
                  refused={f.needs ? refused(f.needs) : null}
                />
              ))}
              {variants.length > 1 ? (
                <div className="self-end">
                  <button
                    type="button"
                    onClick={() => onVariants(variants.filter((_, j) => j !== i))}
                    className="rounded-md px-2 py-1.5 text-sm text-rose-700 hover:bg-rose-50"
                  >
                    Remove variant {i + 1}
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div>
        <button
          type="button"
          disabled={variants.length >= MAX_VARIANTS || allRefused}
          onClick={() => onVariants([...variants, nextVariantDraft(variants, capabilities)])}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 disabled:text-slate-400"
        >
          Add a variant
        </button>
      </div>

      <SweepFields sweep={sweep} onSweep={onSweep} refused={refused} profiles={profiles} />
      <input type="hidden" name="variants" value={JSON.stringify(variants.map((v) => variantJson(v, capabilities)))} />
      <input type="hidden" name="sweep" value={JSON.stringify(sweepJson(sweep))} />
    </fieldset>
  );
}
