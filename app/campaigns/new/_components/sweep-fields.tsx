"use client";

import {
  SWEEP_VARIABLE_NAMES,
  SWEEP_VARIABLES,
  sweptWorkloads,
  type Capability,
  type SweepVariable,
} from "@/lib/model/migration-settings";
import { sweepOf, sweepProblem, sweepValues, type SweepDraft } from "./settings-drafts";
import { Choice, input, label, Numeric } from "./numeric-field";
import type { LaunchProfile } from "./launch-options";

/** A chosen VM profile, as far as a sweep changes it: the launch form's own. */
export type SweptProfile = LaunchProfile;

/** The variable a campaign sweeps and its values, with what the testbed cannot apply greyed out. */
export function SweepFields({
  sweep,
  onSweep,
  refused,
  profiles,
}: {
  sweep: SweepDraft;
  onSweep: (s: SweepDraft) => void;
  refused: (c: Capability) => string | null;
  profiles: SweptProfile[];
}) {
  const problem = sweepProblem(sweep);
  return (
    <div className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-5">
      <Choice
        id="sweep-variable"
        label="Sweep"
        className="sm:col-span-2 lg:col-span-1"
        value={sweep.variable}
        onChange={(v) => onSweep(sweepOf(sweep, v as SweepVariable | ""))}
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
                aria-describedby="sweep-problem"
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
          {problem ? (
            <p id="sweep-problem" role="status" className="text-sm text-amber-800 sm:col-span-2 lg:col-span-5">
              No runs yet: {problem}
            </p>
          ) : null}
          {sweep.variable === "dirtyRate" ? <DirtyRateNote sweep={sweep} profiles={profiles} /> : null}
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

/**
 * What a dirty-rate sweep does to the chosen profiles: the runner replaces each one's workload
 * (applySweep), so a profile that is idle or written once dirties memory in these runs — said before launch.
 */
function DirtyRateNote({ sweep, profiles }: { sweep: SweepDraft; profiles: SweptProfile[] }) {
  const values = sweepValues(sweep);
  // Until the values are valid, judge by a rate above 0 (every sweep worth launching has one).
  const played = values.length ? values : [1];
  // A continuous profile only has its rate swept, as a dirty-rate sweep means; the others change in kind.
  const changed = profiles.filter(
    (p) => p.workload !== "continuous" && sweptWorkloads(p, "dirtyRate", played).some((w) => w !== p.workload),
  );
  const dirtied = played.some((v) => v > 0);
  const alsoOnce = dirtied && played.some((v) => v === 0);
  return (
    <p role="note" className="text-xs text-slate-600 sm:col-span-2 lg:col-span-5">
      A dirty-rate sweep sets each VM&apos;s workload: at 0 MB/s the guest writes its memory once, at any higher rate it
      dirties memory continuously at that rate, whatever its profile says.
      {changed.length ? (
        <>
          {" "}
          So{" "}
          {changed.map((p, i) => (
            <span key={p.id}>
              {i ? (i === changed.length - 1 ? " and " : ", ") : ""}
              <strong className="font-medium">{p.name}</strong> ({p.workload} in its profile)
            </span>
          ))}{" "}
          {changed.length === 1 ? "is" : "are"} migrated{" "}
          {alsoOnce
            ? "while memory is dirtied continuously (at every rate above 0 MB/s)"
            : dirtied
              ? "while memory is dirtied continuously"
              : "after its memory is written once"}
          , not as {changed.length === 1 ? "its profile describes" : "their profiles describe"}.
        </>
      ) : null}
    </p>
  );
}
