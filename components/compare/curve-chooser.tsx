"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { BUTTON_CLASSES } from "@/components/ui/button-link";

export type CurveChooserProps = {
  /** The comparison's query without `curves`. */
  baseQuery: string;
  /** Per side, the runs that recorded progress. */
  sides: { title: string; runs: { id: number; text: string }[] }[];
  /** The runs drawn now. */
  shown: number[];
  /** Curves per side at most. */
  max: number;
};

/** Which runs the remaining-bytes chart overlays: a tick per run, by side; the choice goes into the URL. */
export function CurveChooser({ baseQuery, sides, shown, max }: CurveChooserProps) {
  const router = useRouter();
  const [chosen, setChosen] = useState(() => new Set(shown));
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-sky-700">Choose the runs to overlay</summary>
      <form
        aria-label="Runs to overlay"
        className="mt-2 grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const ids = [...chosen].sort((a, b) => a - b);
          router.push(`/compare?${baseQuery}${ids.length ? `&curves=${ids.join(".")}` : ""}`);
        }}
      >
        <div className="grid gap-3 md:grid-cols-2">
          {sides.map((side) => {
            const count = side.runs.filter((r) => chosen.has(r.id)).length;
            return (
              <fieldset key={side.title} className="grid gap-1 rounded-md border border-slate-200 p-3">
                <legend className="px-1 font-medium text-slate-700">
                  {side.title} ({count} of at most {max})
                </legend>
                {side.runs.map((run) => (
                  <label key={run.id} className="flex items-start gap-2 text-xs text-slate-700">
                    <input
                      type="checkbox"
                      className="mt-0.5"
                      checked={chosen.has(run.id)}
                      disabled={!chosen.has(run.id) && count >= max}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(run.id);
                        else next.delete(run.id);
                        setChosen(next);
                      }}
                    />
                    <span>{run.text}</span>
                  </label>
                ))}
              </fieldset>
            );
          })}
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={BUTTON_CLASSES.primary}>
            Overlay these runs
          </button>
          <button
            type="button"
            className={BUTTON_CLASSES.secondary}
            onClick={() => router.push(`/compare?${baseQuery}`)}
          >
            Back to the default choice
          </button>
        </div>
      </form>
    </details>
  );
}
