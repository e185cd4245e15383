"use client";

import { useEffect, useId, useRef, useState } from "react";

export type PickerItem = { id: number; name: string; detail: string };

export type SearchPickerProps = {
  /** The form field that carries the chosen id ("" for none). */
  name: string;
  label: string;
  kind: "campaign" | "testbed" | "link" | "profile";
  initial: PickerItem | null;
  /** Shown for an empty choice, e.g. "any". */
  emptyLabel?: string;
};

/**
 * A searchable picker (ARIA combobox): type part of a name, pick from up to 20 matches fetched from
 * GET /api/search — instead of a <select> holding every campaign.
 */
export function SearchPicker({ name, label, kind, initial, emptyLabel = "any" }: SearchPickerProps) {
  const id = useId();
  const [chosen, setChosen] = useState<PickerItem | null>(initial);
  const [text, setText] = useState(initial?.name ?? "");
  const [items, setItems] = useState<PickerItem[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const request = useRef(0);

  useEffect(() => {
    if (!open) return;
    const mine = ++request.current;
    const timer = setTimeout(async () => {
      const res = await fetch(`/api/search?${new URLSearchParams({ kind, q: text === chosen?.name ? "" : text })}`).catch(() => null);
      if (!res?.ok || mine !== request.current) return;
      setItems(((await res.json()) as { items: PickerItem[] }).items);
      setActive(0);
    }, 150);
    return () => clearTimeout(timer);
  }, [text, open, kind, chosen]);

  const choose = (item: PickerItem | null) => {
    setChosen(item);
    setText(item?.name ?? "");
    setOpen(false);
  };

  return (
    <div className="relative text-xs text-slate-600">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        autoComplete="off"
        maxLength={100}
        placeholder={emptyLabel}
        value={text}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (!e.target.value) setChosen(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, items.length - 1));
          else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
          else if (e.key === "Enter" && open && items[active]) {
            e.preventDefault();
            choose(items[active]);
          } else if (e.key === "Escape") setOpen(false);
        }}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
      />
      {open ? (
        <ul id={`${id}-list`} role="listbox" aria-label={`${label} matches`} className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          <li role="option" aria-selected={false} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(null)} className="cursor-pointer px-2 py-1 text-sm text-slate-500 hover:bg-slate-50">
            {emptyLabel}
          </li>
          {items.map((item, i) => (
            <li
              key={item.id}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(item)}
              className={`cursor-pointer px-2 py-1 text-sm ${i === active ? "bg-sky-50" : ""} hover:bg-sky-50`}
            >
              <span className="text-slate-900">{item.name}</span> <span className="text-xs text-slate-500">{item.detail}</span>
            </li>
          ))}
          {!items.length ? <li className="px-2 py-1 text-sm text-slate-400">No matches</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
