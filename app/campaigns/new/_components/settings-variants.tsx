"use client";

import {
  CAPABILITY_LABELS,
  DEFAULT_SETTINGS,
  STRATEGIES,
  STRATEGY_LABELS,
  SWEEP_VARIABLE_NAMES,
  SWEEP_VARIABLES,
  type Capability,
  type MigrationSettings,
  type Strategy,
  type SweepVariable,
} from "@/lib/model/migration-settings";
import { MAX_VARIANTS, sweepSchema } from "@/lib/schemas/migration-settings";

/*
 * The launch form's migration settings: the variants a campaign runs (strategy, multifd channels,
 * XBZRLE cache, downtime limit, bandwidth cap) and the variable it sweeps. Typed in display units
 * (MiB, ms, %, MB/s, GiB); posted as JSON in base units, which the campaign schema checks.
 */

const MIB = 2 ** 20;

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

const STRATEGY_NEEDS: Record<Strategy, Capability | null> = {
  precopy: null,
  "auto-converge": "auto-converge",
  postcopy: "postcopy",
  "postcopy-after-rounds": "postcopy",
};

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

/** A sweep's values in base units as the schema reads them (for predictions and the run count); [] until valid. */
export function sweepValues(d: SweepDraft): number[] {
  const parsed = sweepSchema.safeParse(sweepJson(d));
  return parsed.success ? parsed.data.values : [];
}

const input =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm disabled:bg-slate-100 disabled:text-slate-400";
const label = "mb-1 block text-xs font-medium text-slate-600";

type Props = {
  variants: VariantDraft[];
  onVariants: (v: VariantDraft[]) => void;
  sweep: SweepDraft;
  onSweep: (s: SweepDraft) => void;
  /** The testbed adapter's capabilities: null where it applies the setting, else why not. */
  capabilities: Record<Capability, string | null> | null;
};

/** The variants and the sweep, with what the testbed cannot do greyed out and said. */
export function SettingsVariants({ variants, onVariants, sweep, onSweep, capabilities }: Props) {
  const refused = (c: Capability) => capabilities?.[c] ?? null;
  const unsupported = capabilities
    ? (Object.entries(capabilities).filter(([, why]) => why) as [Capability, string][])
    : [];
  const allRefused = capabilities !== null && unsupported.length === Object.keys(capabilities).length;
  const set = (i: number, patch: Partial<VariantDraft>) =>
    onVariants(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));

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
              </div>
              {v.strategy === "postcopy-after-rounds" ? (
                <Numeric
                  id={id("rounds")}
                  label="Switch after (rounds)"
                  placeholder="1"
                  value={v.postcopyAfterRounds}
                  onChange={(x) => set(i, { postcopyAfterRounds: x })}
                  min={1}
                  max={30}
                />
              ) : null}
              {v.strategy === "auto-converge" ? (
                <>
                  <Numeric
                    id={id("throttle-initial")}
                    label="Initial throttle (%)"
                    value={v.throttleInitialPct}
                    onChange={(x) => set(i, { throttleInitialPct: x })}
                    min={1}
                    max={99}
                  />
                  <Numeric
                    id={id("throttle-increment")}
                    label="Throttle step (%)"
                    value={v.throttleIncrementPct}
                    onChange={(x) => set(i, { throttleIncrementPct: x })}
                    min={1}
                    max={99}
                  />
                </>
              ) : null}
              <Numeric
                id={id("multifd")}
                label="Multifd channels"
                value={v.multifdChannels}
                onChange={(x) => set(i, { multifdChannels: x })}
                min={1}
                max={16}
                refused={refused("multifd")}
              />
              <Numeric
                id={id("xbzrle")}
                label="XBZRLE cache (MiB)"
                placeholder="off"
                value={v.xbzrleCacheMiB}
                onChange={(x) => set(i, { xbzrleCacheMiB: x })}
                min={1}
                max={65536}
                refused={refused("xbzrle")}
              />
              <Numeric
                id={id("downtime")}
                label="Downtime limit (ms)"
                placeholder="default"
                value={v.downtimeLimitMs}
                onChange={(x) => set(i, { downtimeLimitMs: x })}
                min={1}
                max={60000}
                refused={refused("downtime-limit")}
              />
              <Numeric
                id={id("bandwidth")}
                label="Bandwidth cap (% of link)"
                placeholder="none"
                value={v.bandwidthPct}
                onChange={(x) => set(i, { bandwidthPct: x })}
                min={1}
                max={100}
                refused={refused("max-bandwidth")}
              />
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
          onClick={() => onVariants([...variants, { ...variants[variants.length - 1] }])}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 disabled:text-slate-400"
        >
          Add a variant
        </button>
      </div>

      <div className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-5">
        <div className="sm:col-span-2 lg:col-span-1">
          <label htmlFor="sweep-variable" className={label}>
            Sweep
          </label>
          <select
            id="sweep-variable"
            value={sweep.variable}
            onChange={(e) => onSweep({ ...sweep, variable: e.target.value as SweepVariable | "" })}
            className={input}
          >
            <option value="">Nothing (no sweep)</option>
            {SWEEP_VARIABLE_NAMES.map((name) => {
              const why =
                name === "bandwidth"
                  ? refused("max-bandwidth")
                  : name === "downtimeLimit"
                    ? refused("downtime-limit")
                    : null;
              return (
                <option key={name} value={name} disabled={!!why}>
                  {SWEEP_VARIABLES[name].label} ({SWEEP_VARIABLES[name].unit}){why ? " — not on this testbed" : ""}
                </option>
              );
            })}
          </select>
        </div>
        {sweep.variable ? (
          <>
            <div>
              <label htmlFor="sweep-mode" className={label}>
                Values
              </label>
              <select
                id="sweep-mode"
                value={sweep.mode}
                onChange={(e) => onSweep({ ...sweep, mode: e.target.value as SweepDraft["mode"] })}
                className={input}
              >
                <option value="range">A range in steps</option>
                <option value="list">A list</option>
              </select>
            </div>
            {sweep.mode === "list" ? (
              <div className="sm:col-span-2 lg:col-span-3">
                <label htmlFor="sweep-list" className={label}>
                  {SWEEP_VARIABLES[sweep.variable].label} values ({SWEEP_VARIABLES[sweep.variable].unit}),
                  comma-separated
                </label>
                <input
                  id="sweep-list"
                  value={sweep.list}
                  placeholder="e.g. 0, 20, 40, 60"
                  onChange={(e) => onSweep({ ...sweep, list: e.target.value })}
                  className={input}
                />
              </div>
            ) : (
              <>
                <Numeric
                  id="sweep-from"
                  label={`From (${SWEEP_VARIABLES[sweep.variable].unit})`}
                  value={sweep.from}
                  onChange={(x) => onSweep({ ...sweep, from: x })}
                />
                <Numeric
                  id="sweep-to"
                  label={`To (${SWEEP_VARIABLES[sweep.variable].unit})`}
                  value={sweep.to}
                  onChange={(x) => onSweep({ ...sweep, to: x })}
                />
                <Numeric
                  id="sweep-steps"
                  label="Steps"
                  value={sweep.steps}
                  onChange={(x) => onSweep({ ...sweep, steps: x })}
                  min={2}
                  max={50}
                />
              </>
            )}
          </>
        ) : (
          <p className="self-end text-xs text-slate-500 sm:col-span-1 lg:col-span-4">
            Sweep the dirty rate, a bandwidth cap, the downtime limit, memory or VM count to draw each result against
            it, with the model&apos;s curve and where pre-copy stops converging.
          </p>
        )}
      </div>
      <input type="hidden" name="variants" value={JSON.stringify(variants.map((v) => variantJson(v, capabilities)))} />
      <input type="hidden" name="sweep" value={JSON.stringify(sweepJson(sweep))} />
    </fieldset>
  );
}

function Numeric(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  min?: number;
  max?: number;
  placeholder?: string;
  refused?: string | null;
}) {
  return (
    <div>
      <label htmlFor={props.id} className={label}>
        {props.label}
      </label>
      <input
        id={props.id}
        type="number"
        step="any"
        min={props.min}
        max={props.max}
        placeholder={props.placeholder}
        value={props.refused ? "" : props.value}
        disabled={!!props.refused}
        title={props.refused ?? undefined}
        onChange={(e) => props.onChange(e.target.value)}
        className={input}
      />
    </div>
  );
}
