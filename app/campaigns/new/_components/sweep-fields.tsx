"use client";

import {
  SWEEP_VARIABLE_NAMES,
  SWEEP_VARIABLES,
  type Capability,
  type SweepVariable,
} from "@/lib/model/migration-settings";
import type { SweepDraft } from "./settings-drafts";
import { Choice, input, label, Numeric } from "./numeric-field";

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
      <Choice
        id="sweep-variable"
        label="Sweep"
        className="sm:col-span-2 lg:col-span-1"
        value={sweep.variable}
        onChange={(v) => onSweep({ ...sweep, variable: v as SweepVariable | "" })}
        options={[
          { value: "", text: "Nothing (no sweep)" },
          ...SWEEP_VARIABLE_NAMES.map((name) => {
            const why =
              name === "bandwidth"
                ? refused("max-bandwidth")
                : name === "downtimeLimit"
                  ? refused("downtime-limit")
                  : null;
            const v = SWEEP_VARIABLES[name];
            return {
              value: name,
              text: `${v.label} (${v.unit})${why ? " — not on this testbed" : ""}`,
              disabledWhy: why,
            };
          }),
        ]}
      />
      {sweep.variable ? (
        <>
          <Choice
            id="sweep-mode"
            label="Values"
            value={sweep.mode}
            onChange={(v) => onSweep({ ...sweep, mode: v as SweepDraft["mode"] })}
            options={[
              { value: "range", text: "A range in steps" },
              { value: "list", text: "A list" },
            ]}
          />
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
