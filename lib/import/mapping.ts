/**
 * Importing a table that is not in the export format — a published paper's table, a spreadsheet —
 * through a column mapping the user confirms: each field of an import is taken from a column of the
 * file (with its unit), or given one value for every row, or — for workload and link — derived from
 * the values of one "category" column by rules ("Once (10GE)" → once over 10GbE). The mapped rows are
 * written out in the export format, so the server validates them exactly as any other import.
 */
import Papa from "papaparse";
import { METRIC_KEYS, METRIC_REGISTRY } from "@/lib/model/metrics";

export type FieldKind = "text" | "rate" | "memory" | "data" | "time" | "count" | "workload";

export const MAPPABLE_FIELDS = [
  { field: "link", label: "Link name", kind: "text", required: true },
  { field: "lineRateGbps", label: "Link line rate", kind: "rate", required: true },
  { field: "busLimitGbps", label: "Link bus limit", kind: "rate", required: false },
  { field: "profile", label: "VM profile name", kind: "text", required: true },
  { field: "memoryBytes", label: "Memory per VM", kind: "memory", required: true },
  { field: "vmCount", label: "VMs", kind: "count", required: false },
  { field: "workload", label: "Workload", kind: "workload", required: true },
  // Every result metric of the registry (lib/model/metrics.ts), read as its entry says.
  ...METRIC_KEYS.map((field) => ({
    field,
    label: METRIC_REGISTRY[field].label,
    kind: METRIC_REGISTRY[field].import.kind,
    required: METRIC_REGISTRY[field].import.required,
  })),
] as const satisfies readonly { field: string; label: string; kind: FieldKind; required: boolean }[];
export type MappableField = (typeof MAPPABLE_FIELDS)[number]["field"];

/** Units a value may be given in, per kind, with what one of them is in the export's base unit. */
export const UNITS: Record<FieldKind, Record<string, number>> = {
  rate: { "Gb/s": 1, "Mb/s": 0.001, "MB/s": 0.008, "GB/s": 8 },
  memory: { GiB: 2 ** 30, GB: 1e9, MiB: 2 ** 20, bytes: 1 },
  data: { Gb: 1e9 / 8, GB: 1e9, GiB: 2 ** 30, MB: 1e6, bytes: 1 },
  time: { s: 1000, ms: 1, min: 60_000 },
  text: {},
  count: {},
  workload: {},
};

export type FieldSource =
  | { from: "column"; column: string; unit?: string }
  | { from: "value"; value: string; unit?: string }
  /** From the category column's rules (workload, link, lineRateGbps). */
  | { from: "rules" }
  | { from: "none" };

export type ValueRule = { workload: string; link: string; lineRateGbps: string };

export type ColumnMapping = {
  fields: Record<MappableField, FieldSource>;
  /** The column whose values say workload and link, e.g. "Memory Allocation Method". */
  ruleColumn: string | null;
  rules: Record<string, ValueRule>;
};

/** Whether a header is already the export format (no mapping needed). */
export const isExportHeader = (header: string[]) => header.map((h) => h.trim()).includes("link");

const WORKLOAD_WORDS: [RegExp, string][] = [
  [/idle/i, "idle"],
  [/continu|dirty|busy|write/i, "continuous"],
  [/once|fill|static/i, "once"],
];

/** A rule for a category value: its workload word, and a link from a rate in it ("10GE" → 10GbE at 10 Gb/s). */
export function guessRule(value: string): ValueRule {
  const workload = WORKLOAD_WORDS.find(([re]) => re.test(value))?.[1] ?? "";
  const rate = /(\d+(?:\.\d+)?)\s*G(?:b?E|bit|b\/s|bps)?\b/i.exec(value)?.[1];
  return { workload, link: rate ? `${rate}GbE` : "", lineRateGbps: rate ?? "" };
}

/** The unit a column header names, for a kind ("Time (Sec)" → s, "Data Size (Gb)" → Gb; case matters for b/B). */
function unitIn(header: string, kind: FieldKind): string | undefined {
  const inside = /\(([^)]*)\)|\[([^\]]*)\]/.exec(header);
  const text = (inside?.[1] ?? inside?.[2] ?? header).trim();
  const units = Object.keys(UNITS[kind]);
  const exact = units.find((u) => u === text);
  if (exact) return exact;
  if (kind === "time")
    return /^ms|milli/i.test(text) ? "ms" : /^min/i.test(text) ? "min" : /^s(ec)?/i.test(text) ? "s" : undefined;
  return units.find((u) => u.toLowerCase() === text.toLowerCase());
}

const GUESSES: [RegExp, MappableField][] = [
  [/down\s*time/i, "downtimeMs"],
  [/\b(guest|observed)\b.*\b(pause|stall|gap)\b|\bheartbeat/i, "guestPauseMs"],
  [/\bwire\b|\b(nic|interface)\b.*\b(bytes|counter)/i, "wireBytes"],
  [/\b(time|duration)\b/i, "durationMs"],
  [/\b(bw|bandwidth|throughput)\b/i, "throughputGbps"],
  [/\b(data|size|transferred|bytes)\b/i, "transferredBytes"],
  [/\b(line\s*rate|speed)\b/i, "lineRateGbps"],
  [/\b(link|nic|network)\b/i, "link"],
  [/\bprofile\b/i, "profile"],
  [/\bmemory\b(?!.*method)/i, "memoryBytes"],
  [/\bworkload\b/i, "workload"],
];

/**
 * A first mapping for a file's header and rows: numeric columns by their names and units; a text column
 * whose values name workloads becomes the rule column, with a rule guessed per value; the rest as fixed
 * values (a whitepaper-style table: one 16 GiB VM, profile named after its workload).
 */
export function guessMapping(header: string[], rows: string[][]): ColumnMapping {
  const fields = Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f.field, { from: "none" }])) as ColumnMapping["fields"];
  const kindOf = (field: MappableField) => MAPPABLE_FIELDS.find((f) => f.field === field)!.kind;
  const used = new Set<string>();
  for (const column of header) {
    const hit = GUESSES.find(([re, field]) => re.test(column) && fields[field].from === "none");
    if (!hit) continue;
    const field = hit[1];
    fields[field] = {
      from: "column",
      column,
      unit: unitIn(column, kindOf(field)) ?? Object.keys(UNITS[kindOf(field)])[0],
    };
    used.add(column);
  }
  // A column of words that name workloads: its values decide workload and link.
  const ruleColumn =
    header.find((c, i) => !used.has(c) && rows.some((r) => WORKLOAD_WORDS.some(([re]) => re.test(r[i] ?? "")))) ?? null;
  const rules: Record<string, ValueRule> = {};
  if (ruleColumn) {
    const i = header.indexOf(ruleColumn);
    for (const r of rows) if (r[i] !== undefined && !(r[i].trim() in rules)) rules[r[i].trim()] = guessRule(r[i]);
    for (const field of ["workload", "link", "lineRateGbps"] as const)
      if (fields[field].from === "none") fields[field] = { from: "rules" };
  }
  if (fields.profile.from === "none") fields.profile = { from: "value", value: "1 × 16 GiB · {workload}" };
  if (fields.memoryBytes.from === "none") fields.memoryBytes = { from: "value", value: "16", unit: "GiB" };
  if (fields.vmCount.from === "none") fields.vmCount = { from: "value", value: "1" };
  return { fields, ruleColumn, rules };
}

export type MappedRows = {
  /** Records in the export's columns, as text. */
  records: Record<string, string>[];
  /** Rows (from 1) the mapping cannot place, with why. */
  problems: { row: number; messages: string[] }[];
};

/** A number as the file writes it: spaces and thousands separators ignored; NaN when it is not one. */
function numberOf(text: string): number {
  const cleaned = text.trim().replace(/[\s,]/g, "");
  return cleaned === "" ? Number.NaN : Number(cleaned);
}

/** Applies a mapping to a file's rows: every field from its column (converted to base units), value or rule. */
export function applyMapping(header: string[], rows: string[][], mapping: ColumnMapping): MappedRows {
  const records: Record<string, string>[] = [];
  const problems: MappedRows["problems"] = [];
  const iterations = new Map<string, number>();
  const ruleIndex = mapping.ruleColumn ? header.indexOf(mapping.ruleColumn) : -1;
  rows.forEach((row, r) => {
    const messages: string[] = [];
    const record: Record<string, string> = {};
    const categoryValue = ruleIndex >= 0 ? (row[ruleIndex] ?? "").trim() : "";
    const rule = ruleIndex >= 0 ? mapping.rules[categoryValue] : undefined;
    for (const { field, kind, label } of MAPPABLE_FIELDS) {
      const source = mapping.fields[field];
      let raw: string | undefined;
      let unit: string | undefined;
      if (source.from === "column") {
        const i = header.indexOf(source.column);
        raw = i >= 0 ? row[i] : undefined;
        unit = source.unit;
      } else if (source.from === "value") {
        raw = source.value;
        unit = source.unit;
      } else if (source.from === "rules") {
        if (!rule) {
          messages.push(`"${categoryValue}" in column "${mapping.ruleColumn}" has no rule for ${label.toLowerCase()}`);
          continue;
        }
        raw = field === "workload" ? rule.workload : field === "link" ? rule.link : rule.lineRateGbps;
        unit = field === "lineRateGbps" ? "Gb/s" : undefined;
        if (!raw.trim()) {
          messages.push(
            `"${categoryValue}" in column "${mapping.ruleColumn}" has no ${label.toLowerCase()} in its rule`,
          );
          continue;
        }
      }
      if (raw === undefined || raw.trim() === "") continue;
      const factor = unit ? UNITS[kind][unit] : undefined;
      if (factor !== undefined) {
        const n = numberOf(raw);
        if (Number.isNaN(n)) messages.push(`${label}: "${raw.trim()}" is not a number`);
        else record[field] = String(+(n * factor).toPrecision(15));
      } else record[field] = raw.trim();
    }
    if (record.profile) record.profile = record.profile.replaceAll("{workload}", record.workload ?? "");
    // Repeated rows of one link and profile are the iterations of that cell, in file order.
    const cell = `${record.link}\u0000${record.profile}`;
    iterations.set(cell, (iterations.get(cell) ?? 0) + 1);
    record.iteration = String(iterations.get(cell));
    if (messages.length) problems.push({ row: r + 1, messages });
    else records.push(record);
  });
  return { records, problems };
}

/** Mapped records as a CSV in the export's columns, ready for POST /api/imports. */
export function mappedCsv(records: Record<string, string>[]): string {
  const columns = [...MAPPABLE_FIELDS.map((f) => f.field), "iteration"];
  return Papa.unparse({ fields: columns, data: records.map((r) => columns.map((c) => r[c] ?? "")) });
}
