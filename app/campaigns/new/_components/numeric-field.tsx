"use client";

export const input =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm disabled:bg-slate-100 disabled:text-slate-400";
export const label = "mb-1 block text-xs font-medium text-slate-600";

/** A labelled number input; greyed out, with the reason as its title, where the testbed cannot apply it. */
export function Numeric(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  min?: number;
  max?: number;
  placeholder?: string;
  refused?: string | null;
}) {
  return (
    <div>
      <label htmlFor={props.id} className={label}>
        {props.label}
      </label>
      <input
        id={props.id}
        type="number"
        step="any"
        min={props.min}
        max={props.max}
        placeholder={props.placeholder}
        value={props.refused ? "" : props.value}
        disabled={!!props.refused}
        title={props.refused ?? undefined}
        onChange={(e) => props.onChange(e.target.value)}
        className={input}
      />
    </div>
  );
}

/** A labelled select of `options` (value, text, and why it is disabled where it is). */
export function Choice(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; text: string; disabledWhy?: string | null }[];
  className?: string;
}) {
  return (
    <div className={props.className}>
      <label htmlFor={props.id} className={label}>
        {props.label}
      </label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} className={input}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} disabled={!!o.disabledWhy} title={o.disabledWhy ?? undefined}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}
