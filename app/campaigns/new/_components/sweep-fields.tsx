"use client";

import {
  SWEEP_VARIABLE_NAMES,
  SWEEP_VARIABLES,
  type Capability,
  type SweepVariable,
} from "@/lib/model/migration-settings";
import type { SweepDraft } from "./settings-drafts";
import { input, label, Numeric } from "./numeric-field";

/** The variable a campaign sweeps and its values, with what the testbed cannot apply greyed out. */
export function SweepFields({
  sweep,
  onSweep,
  refused,
}: {
  sweep: SweepDraft;
  onSweep: (s: SweepDraft) => void;
  refused: (c: Capability) => string | null;
}) {
  return (
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
                {SWEEP_VARIABLES[sweep.variable].label} values ({SWEEP_VARIABLES[sweep.variable].unit}), comma-separated
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
          Sweep the dirty rate, a bandwidth cap, the downtime limit, memory or VM count to draw each result against it,
          with the model&apos;s curve and where pre-copy stops converging.
        </p>
      )}
    </div>
  );
}
