"use client";

import { formatGbps, formatMemory } from "@/lib/format/units";
import {
  guessRule,
  MAPPABLE_FIELDS,
  mappedValues,
  newLinkFor,
  RULE_FIELDS,
  UNITS,
  type ColumnMapping,
  type FieldSource,
  type ImportCatalog,
  type MappableField,
} from "@/lib/import/mapping";

const SELECT = "max-w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
const NEW = "new";

export type ColumnMappingPanelProps = {
  header: string[];
  rows: string[][];
  mapping: ColumnMapping;
  /** The testbed's links and the VM profiles the file's values map onto; canCreate: an admin's. */
  catalog: ImportCatalog;
  testbedName: string | null;
  onChange: (mapping: ColumnMapping) => void;
  /** Set when the mapping came from the one saved for this testbed and source. */
  savedFor: string | null;
};

/**
 * The column-mapping step of an import whose header is not the export's: where each field comes from
 * (a column with its unit, one value for all rows, or the category column), the workload each category
 * value names, and for every value that names a link or a VM profile, which existing one it is — or,
 * for an admin and said in words, a new one.
 */
export function ColumnMappingPanel({
  header,
  rows,
  mapping,
  catalog,
  testbedName,
  onChange,
  savedFor,
}: ColumnMappingPanelProps) {
  const setField = (field: MappableField, source: FieldSource) =>
    onChange({ ...mapping, fields: { ...mapping.fields, [field]: source } });
  const categories = mapping.ruleColumn
    ? [...new Set(rows.map((r) => (r[header.indexOf(mapping.ruleColumn!)] ?? "").trim()))]
    : [];
  const values = mappedValues(header, rows, mapping);
  return (
    <section aria-label="Column mapping" className="grid gap-4 rounded-md border border-amber-300 bg-amber-50/40 p-4">
      <div>
        <h3 className="text-sm font-semibold text-slate-800">Map the file&apos;s columns</h3>
        <p className="text-sm text-slate-600">
          This file&apos;s columns ({header.map((h) => `“${h}”`).join(", ")}) are not the export&apos;s. Say where each
          field comes from and in which unit, and which link and VM profile each value means; {rows.length} row
          {rows.length === 1 ? "" : "s"} will be converted and checked like any import.
          {savedFor
            ? ` The mapping saved for “${savedFor}” on this testbed is filled in.`
            : " Guesses are filled in: check them."}
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
        name the workload (and the link, where the field below says so).
      </label>
      {categories.length ? (
        <div className="overflow-x-auto">
          <table aria-label="Value rules" className="text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1 pr-3">Value</th>
                <th className="py-1 pr-3">Workload</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((v) => (
                <tr key={v}>
                  <th scope="row" className="py-1 pr-3 text-left font-medium">
                    {v || "(empty)"}
                  </th>
                  <td className="py-1 pr-3">
                    <select
                      aria-label={`Workload of “${v}”`}
                      className={SELECT}
                      value={mapping.rules[v]?.workload ?? ""}
                      onChange={(e) =>
                        onChange({
                          ...mapping,
                          rules: { ...mapping.rules, [v]: { workload: e.target.value as "" } },
                        })
                      }
                    >
                      <option value="">choose…</option>
                      <option value="idle">idle</option>
                      <option value="once">once</option>
                      <option value="continuous">continuous</option>
                    </select>
                  </td>
                </tr>
              ))}
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
                        <option value="rules">the category column’s values</option>
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

      <LinkChoices
        values={values.links}
        mapping={mapping}
        catalog={catalog}
        testbedName={testbedName}
        onChange={onChange}
      />
      <ProfileChoices values={values.profiles} mapping={mapping} catalog={catalog} onChange={onChange} />

      <p className="text-xs text-slate-500">
        {"{workload}"} in a value is replaced by each row&apos;s workload. Rows repeating a link and profile become its
        iterations, in file order. An existing VM profile brings its own memory, VMs and workload. When the import goes
        in, this mapping is saved on the server for this testbed and source, and filled in the next time the same source
        is cited here.
      </p>
    </section>
  );
}

type ChoicesProps = {
  values: string[];
  mapping: ColumnMapping;
  catalog: ImportCatalog;
  onChange: (mapping: ColumnMapping) => void;
};

/** Per value that names a link: a picker of the testbed's links (and, for an admin, a new one). */
function LinkChoices({
  values,
  mapping,
  catalog,
  testbedName,
  onChange,
}: ChoicesProps & { testbedName: string | null }) {
  if (!values.length) return null;
  const set = (value: string, choice: ColumnMapping["links"][string]) =>
    onChange({ ...mapping, links: { ...mapping.links, [value]: choice } });
  return (
    <div className="overflow-x-auto">
      <h4 className="text-sm font-semibold text-slate-800">Links</h4>
      {!testbedName ? (
        <p className="text-sm text-amber-800">Choose the testbed first: these values are mapped onto its links.</p>
      ) : catalog.links.length === 0 && !catalog.canCreate ? (
        <p className="text-sm text-amber-800">
          Testbed “{testbedName}” has no links yet; an admin adds them on the testbed&apos;s page.
        </p>
      ) : null}
      <table aria-label="Link of each value" className="text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-1 pr-3">Value in the file</th>
            <th className="py-1 pr-3">Link{testbedName ? ` on “${testbedName}”` : ""}</th>
          </tr>
        </thead>
        <tbody>
          {values.map((v) => {
            const choice = mapping.links[v] ?? null;
            return (
              <tr key={v} className="align-top">
                <th scope="row" className="py-1 pr-3 text-left font-medium">
                  {v}
                </th>
                <td className="grid gap-1 py-1 pr-3">
                  <select
                    aria-label={`Link for “${v}”`}
                    className={SELECT}
                    value={choice === null ? "" : choice.kind === "new" ? NEW : String(choice.linkId)}
                    onChange={(e) => {
                      const picked = e.target.value;
                      set(
                        v,
                        picked === ""
                          ? null
                          : picked === NEW
                            ? newLinkFor(v)
                            : { kind: "existing", linkId: Number(picked) },
                      );
                    }}
                  >
                    <option value="">choose…</option>
                    {catalog.links.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name} — {formatGbps(l.lineRateGbps)}
                        {l.busLimitGbps ? ` (bus ${formatGbps(l.busLimitGbps)})` : ""}
                      </option>
                    ))}
                    {catalog.canCreate ? <option value={NEW}>a new link…</option> : null}
                  </select>
                  {choice?.kind === "new" ? (
                    <div className="grid gap-1 rounded-md border border-sky-200 bg-sky-50 p-2 text-sky-900">
                      <p>
                        A new link will be added to testbed “{testbedName}” when the import goes in (recorded in the
                        audit log):
                      </p>
                      <div className="flex flex-wrap gap-2">
                        <input
                          aria-label={`Name of the new link for “${v}”`}
                          className={SELECT}
                          value={choice.name}
                          maxLength={200}
                          onChange={(e) => set(v, { ...choice, name: e.target.value })}
                        />
                        <label className="flex items-center gap-1">
                          <input
                            aria-label={`Line rate of the new link for “${v}”`}
                            className={`${SELECT} w-20`}
                            value={choice.lineRateGbps}
                            inputMode="decimal"
                            maxLength={20}
                            onChange={(e) => set(v, { ...choice, lineRateGbps: e.target.value })}
                          />
                          Gb/s
                        </label>
                      </div>
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Per VM profile name the rows give: a picker of existing profiles (and, for an admin, a new one). */
function ProfileChoices({ values, mapping, catalog, onChange }: ChoicesProps) {
  if (!values.length) return null;
  const set = (value: string, choice: ColumnMapping["profiles"][string]) =>
    onChange({ ...mapping, profiles: { ...mapping.profiles, [value]: choice } });
  return (
    <div className="overflow-x-auto">
      <h4 className="text-sm font-semibold text-slate-800">VM profiles</h4>
      <table aria-label="VM profile of each name" className="text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-1 pr-3">Profile in the file</th>
            <th className="py-1 pr-3">VM profile</th>
          </tr>
        </thead>
        <tbody>
          {values.map((v) => {
            const choice = mapping.profiles[v] ?? null;
            return (
              <tr key={v} className="align-top">
                <th scope="row" className="py-1 pr-3 text-left font-medium">
                  {v}
                </th>
                <td className="grid gap-1 py-1 pr-3">
                  <select
                    aria-label={`VM profile for “${v}”`}
                    className={SELECT}
                    value={choice === null ? "" : choice.kind === "new" ? NEW : String(choice.profileId)}
                    onChange={(e) => {
                      const picked = e.target.value;
                      set(
                        v,
                        picked === ""
                          ? null
                          : picked === NEW
                            ? { kind: "new", name: v }
                            : { kind: "existing", profileId: Number(picked) },
                      );
                    }}
                  >
                    <option value="">choose…</option>
                    {catalog.profiles.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} — {p.vmCount} × {formatMemory(p.memoryBytes)}, {p.workload}
                      </option>
                    ))}
                    {catalog.canCreate ? <option value={NEW}>a new VM profile…</option> : null}
                  </select>
                  {choice?.kind === "new" ? (
                    <div className="grid gap-1 rounded-md border border-sky-200 bg-sky-50 p-2 text-sky-900">
                      <p>
                        A new VM profile will be created when the import goes in (recorded in the audit log), with the
                        memory, VMs and workload the fields above give:
                      </p>
                      <input
                        aria-label={`Name of the new VM profile for “${v}”`}
                        className={SELECT}
                        value={choice.name}
                        maxLength={200}
                        onChange={(e) => set(v, { ...choice, name: e.target.value })}
                      />
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
