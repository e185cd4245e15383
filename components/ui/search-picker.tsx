"use client";

import { useEffect, useId, useRef, useState } from "react";

export type PickerItem = { id: number; name: string; detail: string };

export type SearchPickerProps = {
  /** The form field that carries the chosen id ("" for none); none when the caller keeps the choice. */
  name?: string;
  label: string;
  kind: "campaign" | "testbed" | "link" | "profile";
  initial: PickerItem | null;
  /** Shown for an empty choice, e.g. "any"; `null`: no empty choice in the list. */
  emptyLabel?: string | null;
  /** Told of every choice (null: the empty one). */
  onChoose?: (item: PickerItem | null) => void;
  /** Empties the box after a choice, for pickers that add to a list. */
  clearOnChoose?: boolean;
  /** "field": a form field's label and size; "compact" (default): a filter bar's. */
  variant?: "compact" | "field";
  /** The input's id, for error messages that point at it. */
  inputId?: string;
  /** Ids of the field's error message (aria-describedby) and whether it is in error. */
  describedBy?: string;
  invalid?: boolean;
  placeholder?: string;
};

/**
 * A searchable picker (ARIA combobox): type part of a name, pick from up to 20 matches fetched from
 * GET /api/search — instead of a <select> holding every campaign.
 */
export function SearchPicker({
  name,
  label,
  kind,
  initial,
  emptyLabel = "any",
  onChoose,
  clearOnChoose,
  variant = "compact",
  inputId,
  describedBy,
  invalid,
  placeholder,
}: SearchPickerProps) {
  const id = useId();
  const input = inputId ?? `${id}-input`;
  const field = variant === "field";
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
      const res = await fetch(
        `/api/search?${new URLSearchParams({ kind, q: text === chosen?.name ? "" : text })}`,
      ).catch(() => null);
      if (!res?.ok || mine !== request.current) return;
      setItems(((await res.json()) as { items: PickerItem[] }).items);
      setActive(0);
    }, 150);
    return () => clearTimeout(timer);
  }, [text, open, kind, chosen]);

  const choose = (item: PickerItem | null) => {
    setChosen(clearOnChoose ? null : item);
    setText(clearOnChoose ? "" : (item?.name ?? ""));
    setOpen(false);
    onChoose?.(item);
  };

  return (
    <div className={`relative ${field ? "text-sm" : "text-xs text-slate-600"}`}>
      <label htmlFor={input} className={field ? "mb-1 block text-sm font-medium text-slate-700" : undefined}>
        {label}
      </label>
      {name ? <input type="hidden" name={name} value={chosen?.id ?? ""} /> : null}
      <input
        id={input}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        autoComplete="off"
        maxLength={100}
        placeholder={placeholder ?? emptyLabel ?? "type to search"}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        value={text}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (!e.target.value && chosen) {
            setChosen(null);
            onChoose?.(null);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, items.length - 1));
          else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
          else if (e.key === "Enter" && open && items[active]) {
            e.preventDefault();
            choose(items[active]);
          } else if (e.key === "Escape") setOpen(false);
        }}
        className={`block w-full rounded-md border border-slate-300 bg-white text-sm text-slate-900 ${field ? "px-3 py-2 shadow-sm" : "px-2 py-1.5"}`}
      />
      {open ? (
        <ul
          id={`${id}-list`}
          role="listbox"
          aria-label={`${label} matches`}
          className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {emptyLabel !== null ? (
            <li
              role="option"
              aria-selected={false}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(null)}
              className="cursor-pointer px-2 py-1 text-sm text-slate-500 hover:bg-slate-50"
            >
              {emptyLabel}
            </li>
          ) : null}
          {items.map((item, i) => (
            <li
              key={item.id}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(item)}
              className={`cursor-pointer px-2 py-1 text-sm ${i === active ? "bg-sky-50" : ""} hover:bg-sky-50`}
            >
              <span className="text-slate-900">{item.name}</span>{" "}
              <span className="text-xs text-slate-500">{item.detail}</span>
            </li>
          ))}
          {!items.length ? <li className="px-2 py-1 text-sm text-slate-500">No matches</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
