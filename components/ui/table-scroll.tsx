"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A table's box that scrolls sideways when the table is wider than the screen (phones): the first
 * column stays in view (globals.css .table-scroll), a shade on the right edge and a line under it say
 * there are more columns, until the reader has scrolled to the last.
 */
export function TableScroll({ className = "", children }: { className?: string; children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setMore(el.scrollWidth - el.clientWidth - el.scrollLeft > 4);
    check();
    el.addEventListener("scroll", check, { passive: true });
    const resized = new ResizeObserver(check);
    resized.observe(el);
    if (el.firstElementChild) resized.observe(el.firstElementChild);
    return () => {
      el.removeEventListener("scroll", check);
      resized.disconnect();
    };
  }, []);
  return (
    <div>
      <div className="relative">
        <div ref={box} className={`table-scroll ${className}`}>
          {children}
        </div>
        {more ? (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 right-0 z-10 w-6 bg-gradient-to-l from-slate-400/30 to-transparent"
          />
        ) : null}
      </div>
      {more ? (
        <p role="note" className="mt-1 text-xs text-slate-500">
          More columns to the right: scroll or swipe the table sideways →
        </p>
      ) : null}
    </div>
  );
}
