"use client";

/**
 * A checkbox group drawn as tiles, one per item: its name, and a figure or two beside it in grey.
 * The checked ids are the caller's state; every box is sent as `name` (one value per checked id).
 */
export function CheckTiles<T extends { id: number; name: string }>({
  name,
  items,
  selected,
  onChange,
  detail,
  warning,
  className,
}: {
  name: string;
  items: readonly T[];
  selected: readonly number[];
  onChange: (selected: number[]) => void;
  detail: (item: T) => string;
  /** A warning under an item (in amber), or null. */
  warning?: (item: T) => string | null;
  className: string;
}) {
  return (
    <div className={className}>
      {items.map((item) => (
        <label
          key={item.id}
          className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
        >
          <input
            type="checkbox"
            name={name}
            value={item.id}
            checked={selected.includes(item.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...selected, item.id] : selected.filter((id) => id !== item.id))
            }
          />
          <span>
            {item.name}
            <span className="num ml-1 text-xs text-slate-500">{detail(item)}</span>
            {warning?.(item) ? <span className="block text-xs text-amber-700">{warning(item)}</span> : null}
          </span>
        </label>
      ))}
    </div>
  );
}
