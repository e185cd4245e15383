"use client";

import {
  guessRule,
  MAPPABLE_FIELDS,
  UNITS,
  type ColumnMapping,
  type FieldSource,
  type MappableField,
} from "@/lib/import/mapping";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
const RULE_FIELDS: MappableField[] = ["workload", "link", "lineRateGbps"];

export type ColumnMappingPanelProps = {
  header: string[];
  rows: string[][];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  /** Set when the mapping came from an earlier import of the same source. */
  savedFor: string | null;
};

/**
 * The column-mapping step of an import whose header is not the export's: where each field comes from
 * (a column with its unit, one value for all rows, or the category column's rules), and the rules that
 * turn values like "Once (10GE)" into a workload and a link.
 */
export function ColumnMappingPanel({ header, rows, mapping, onChange, savedFor }: ColumnMappingPanelProps) {
  const setField = (field: MappableField, source: FieldSource) =>
    onChange({ ...mapping, fields: { ...mapping.fields, [field]: source } });
  const values = mapping.ruleColumn
    ? [...new Set(rows.map((r) => (r[header.indexOf(mapping.ruleColumn!)] ?? "").trim()))]
    : [];
  return (
    <section aria-label="Column mapping" className="grid gap-4 rounded-md border border-amber-300 bg-amber-50/40 p-4">
      <div>
        <h3 className="text-sm font-semibold text-slate-800">Map the file&apos;s columns</h3>
        <p className="text-sm text-slate-600">
          This file&apos;s columns ({header.map((h) => `“${h}”`).join(", ")}) are not the export&apos;s. Say where each
          field comes from and in which unit; {rows.length} row{rows.length === 1 ? "" : "s"} will be converted and
          checked like any import.
          {savedFor ? ` The mapping saved for “${savedFor}” is filled in.` : " Guesses are filled in: check them."}
        </p>
      </div>
      <label className="text-sm text-slate-700">
        Values of the column{" "}
        <select
          aria-label="Category column"
          className={SELECT}
          value={mapping.ruleColumn ?? ""}
          onChange={(e) => {
            const column = e.target.value || null;
            const i = column ? header.indexOf(column) : -1;
            const rules = Object.fromEntries(
              i < 0 ? [] : [...new Set(rows.map((r) => (r[i] ?? "").trim()))].map((v) => [v, guessRule(v)]),
            );
            onChange({ ...mapping, ruleColumn: column, rules });
          }}
        >
          <option value="">(none)</option>
          {header.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>{" "}
        decide workload and link, by the rules below.
      </label>
      {values.length ? (
        <div className="overflow-x-auto">
          <table aria-label="Value rules" className="text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1 pr-3">Value</th>
                <th className="py-1 pr-3">Workload</th>
                <th className="py-1 pr-3">Link name</th>
                <th className="py-1 pr-3">Line rate (Gb/s)</th>
              </tr>
            </thead>
            <tbody>
              {values.map((v) => {
                const rule = mapping.rules[v] ?? { workload: "", link: "", lineRateGbps: "" };
                const set = (patch: Partial<typeof rule>) =>
                  onChange({ ...mapping, rules: { ...mapping.rules, [v]: { ...rule, ...patch } } });
                return (
                  <tr key={v}>
                    <th scope="row" className="py-1 pr-3 text-left font-medium">
                      {v || "(empty)"}
                    </th>
                    <td className="py-1 pr-3">
                      <select
                        aria-label={`Workload of “${v}”`}
                        className={SELECT}
                        value={rule.workload}
                        onChange={(e) => set({ workload: e.target.value })}
                      >
                        <option value="">choose…</option>
                        <option value="idle">idle</option>
                        <option value="once">once</option>
                        <option value="continuous">continuous</option>
                      </select>
                    </td>
                    <td className="py-1 pr-3">
                      <input
                        aria-label={`Link of “${v}”`}
                        className={SELECT}
                        value={rule.link}
                        maxLength={200}
                        onChange={(e) => set({ link: e.target.value })}
                      />
                    </td>
                    <td className="py-1 pr-3">
                      <input
                        aria-label={`Line rate of “${v}”`}
                        className={`${SELECT} w-24`}
                        value={rule.lineRateGbps}
                        inputMode="decimal"
                        maxLength={20}
                        onChange={(e) => set({ lineRateGbps: e.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table aria-label="Field mapping" className="text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-1 pr-3">Field</th>
              <th className="py-1 pr-3">Taken from</th>
              <th className="py-1 pr-3">Value and unit</th>
            </tr>
          </thead>
          <tbody>
            {MAPPABLE_FIELDS.map(({ field, label, kind, required }) => {
              const source = mapping.fields[field];
              const units = Object.keys(UNITS[kind]);
              const choice =
                source.from === "column" ? `column:${source.column}` : source.from === "value" ? "value" : source.from;
              return (
                <tr key={field}>
                  <th scope="row" className="py-1 pr-3 text-left font-medium">
                    {label}
                    {required ? <span className="text-amber-700"> *</span> : null}
                  </th>
                  <td className="py-1 pr-3">
                    <select
                      aria-label={`Source of ${label}`}
                      className={SELECT}
                      value={choice}
                      onChange={(e) => {
                        const v = e.target.value;
                        if (v.startsWith("column:"))
                          setField(field, { from: "column", column: v.slice(7), unit: units[0] });
                        else if (v === "value") setField(field, { from: "value", value: "", unit: units[0] });
                        else setField(field, { from: v as "rules" | "none" });
                      }}
                    >
                      <option value="none">not given</option>
                      {header.map((h) => (
                        <option key={h} value={`column:${h}`}>
                          column “{h}”
                        </option>
                      ))}
                      <option value="value">one value for every row</option>
                      {RULE_FIELDS.includes(field) && mapping.ruleColumn ? (
                        <option value="rules">the rules above</option>
                      ) : null}
                    </select>
                  </td>
                  <td className="flex gap-2 py-1 pr-3">
                    {source.from === "value" ? (
                      <input
                        aria-label={`Value of ${label}`}
                        className={SELECT}
                        value={source.value}
                        maxLength={200}
                        placeholder={field === "profile" ? "e.g. 1 × 16 GiB · {workload}" : undefined}
                        onChange={(e) => setField(field, { ...source, value: e.target.value })}
                      />
                    ) : null}
                    {(source.from === "column" || source.from === "value") && units.length ? (
                      <select
                        aria-label={`Unit of ${label}`}
                        className={SELECT}
                        value={source.unit ?? units[0]}
                        onChange={(e) => setField(field, { ...source, unit: e.target.value })}
                      >
                        {units.map((u) => (
                          <option key={u} value={u}>
                            {u}
                          </option>
                        ))}
                      </select>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        {"{workload}"} in a value is replaced by each row&apos;s workload. Rows repeating a link and profile become its
        iterations, in file order. The mapping is saved in this browser for the source you cite.
      </p>
    </section>
  );
}
