"use client";

import { useState } from "react";

export type LegendItem = {
  key: string;
  /** Short, as shown; the full name is its title and the charts' tooltips. */
  name: string;
  fullName: string;
  color: string;
  /** A dash pattern where series share a colour. */
  dash?: string;
};

/** Which series a reader has hidden, and a toggle for one. */
export function useHiddenSeries() {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setHidden((now) => {
      const next = new Set(now);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return { hidden, toggle };
}

/**
 * A chart's legend outside its plot (so the plot never shrinks for it): a button per series with its
 * colour and short name; pressing one hides or shows that series.
 */
export function SeriesLegend({
  items,
  hidden,
  onToggle,
  label = "Series",
}: {
  items: LegendItem[];
  hidden: ReadonlySet<string>;
  onToggle: (key: string) => void;
  label?: string;
}) {
  if (items.length < 2) return null;
  return (
    <div role="group" aria-label={label} className="mb-2 flex flex-wrap gap-x-1 gap-y-1 text-xs">
      {items.map((item) => {
        const shown = !hidden.has(item.key);
        return (
          <button
            key={item.key}
            type="button"
            aria-pressed={shown}
            title={`${item.fullName}: ${shown ? "hide" : "show"}`}
            onClick={() => onToggle(item.key)}
            className={`inline-flex min-h-6 items-center gap-1.5 rounded px-1.5 py-0.5 hover:bg-slate-100 ${shown ? "text-slate-700" : "text-slate-500 line-through"}`}
          >
            <svg width="18" height="8" aria-hidden="true">
              <line
                x1="0"
                y1="4"
                x2="18"
                y2="4"
                stroke={item.color}
                strokeWidth="3"
                strokeDasharray={item.dash || undefined}
                opacity={shown ? 1 : 0.35}
              />
            </svg>
            {item.name}
          </button>
        );
      })}
    </div>
  );
}
