"use client";

/** One choice of a checkbox group drawn as a tile: its name, and a figure or two beside it in grey. */
export function CheckTile({
  name,
  value,
  checked,
  onChange,
  detail,
  children,
}: {
  name: string;
  value: number;
  checked: boolean;
  onChange: (checked: boolean) => void;
  detail: string;
  children: React.ReactNode;
}) {
  return (
    <label className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
      <input type="checkbox" name={name} value={value} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {children}
        <span className="num ml-1 text-xs text-slate-500">{detail}</span>
      </span>
    </label>
  );
}
