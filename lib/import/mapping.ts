/**
 * Importing a table that is not in the export format — a published paper's table, a spreadsheet —
 * through a column mapping the user confirms: each field of an import is taken from a column of the
 * file (with its unit), or given one value for every row, or — for workload and link — derived from
 * the values of one "category" column ("Once (10GE)" → once). Each value that names a link is then
 * mapped to one of the testbed's links, and each VM profile name to an existing profile (or, for an
 * admin, to a new one). The mapped rows are written out in the export format, so the server validates
 * them exactly as any other import.
 */
import Papa from "papaparse";
import { METRIC_KEYS, METRIC_REGISTRY } from "@/lib/model/metrics";
import { compactName, matchName } from "@/lib/format/name-match";
import type { Workload } from "@/lib/model/vocabulary";
import type { ColumnMapping, FieldSource, LinkChoice, ProfileChoice } from "@/lib/schemas/import-mapping";

export type { ColumnMapping, FieldSource, LinkChoice, ProfileChoice };

export type FieldKind = "text" | "rate" | "memory" | "data" | "time" | "count" | "workload";

export const MAPPABLE_FIELDS = [
  { field: "link", label: "Link", kind: "text", required: true },
  { field: "profile", label: "VM profile name", kind: "text", required: true },
  { field: "memoryBytes", label: "Memory per VM", kind: "memory", required: false },
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

/** Fields the category column's values may decide. */
export const RULE_FIELDS: readonly MappableField[] = ["workload", "link"];

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

/** What the page knows of the target testbed's links and the VM profiles, to map values onto. */
export type CatalogLink = { id: number; name: string; lineRateGbps: number; busLimitGbps: number | null };
export type CatalogProfile = {
  id: number;
  name: string;
  memoryBytes: number;
  vmCount: number;
  vcpuCount: number;
  workload: string;
  dirtyRateBytesPerSec: number | null;
  workingSetBytes: number | null;
};
export type ImportCatalog = {
  links: CatalogLink[];
  profiles: CatalogProfile[];
  /** Whether the user may map a value to a new link or profile (admins; the server checks again). */
  canCreate: boolean;
};

/** Whether a header is already the export format (no mapping needed). */
export const isExportHeader = (header: string[]) => header.map((h) => h.trim()).includes("link");

const WORKLOAD_WORDS: [RegExp, Workload][] = [
  [/idle/i, "idle"],
  [/continu|dirty|busy|write/i, "continuous"],
  [/once|fill|static/i, "once"],
];

/** The workload a category value names ("Once (10GE)" → once), or "" when it names none. */
export function guessRule(value: string): { workload: Workload | "" } {
  return { workload: WORKLOAD_WORDS.find(([re]) => re.test(value))?.[1] ?? "" };
}

/** The link a value's rate suggests ("10GE" → 10GbE at 10 Gb/s), or null when it names no rate. */
export function linkHint(value: string): { name: string; lineRateGbps: number } | null {
  const rate = /(\d+(?:\.\d+)?)\s*G(?:b?E|bit|b\/s|bps|igE)?\b/i.exec(value)?.[1];
  return rate ? { name: `${rate}GbE`, lineRateGbps: Number(rate) } : null;
}

/**
 * The testbed's link a file's value most likely means: the one of that name (compared loosely), else
 * the one whose name holds the rate the value names ("40GE" → "40GbE ConnectX-2 …"), else the only one
 * at that line rate; null when none or several fit.
 */
export function guessLink(value: string, links: CatalogLink[]): CatalogLink | null {
  const named = matchName(links, value);
  if ("match" in named) return named.match;
  const hint = linkHint(value);
  if (!hint) return null;
  const wanted = compactName(hint.name);
  const holding = links.filter((l) => compactName(l.name).includes(wanted));
  if (holding.length === 1) return holding[0];
  const atRate = links.filter((l) => l.lineRateGbps === hint.lineRateGbps);
  return atRate.length === 1 ? atRate[0] : null;
}

/** The existing VM profile a name means (compared loosely: "1 x 16 GiB once"), or null. */
export function guessProfile(name: string, profiles: CatalogProfile[]): CatalogProfile | null {
  const named = matchName(profiles, name);
  return "match" in named ? named.match : null;
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
  [/\b(link|nic|network)\b/i, "link"],
  [/\bprofile\b/i, "profile"],
  [/\bmemory\b(?!.*method)/i, "memoryBytes"],
  [/\bworkload\b/i, "workload"],
];

/** A number as the file writes it: spaces and thousands separators ignored; NaN when it is not one. */
function numberOf(text: string): number {
  const cleaned = text.trim().replace(/[\s,]/g, "");
  return cleaned === "" ? Number.NaN : Number(cleaned);
}

const kindOf = (field: MappableField) => MAPPABLE_FIELDS.find((f) => f.field === field)!.kind;

/**
 * A first mapping for a file's header and rows: numeric columns by their names and units (only columns
 * that mostly hold numbers); a column whose every value names a rate ("10GE") as the link; a text column whose
 * values name workloads as the category column, with a workload per value; the rest as fixed values (a
 * whitepaper-style table: one 16 GiB VM, profile named after its workload). No link or profile is chosen
 * yet: resolveChoices does that against the testbed's.
 */
export function guessMapping(header: string[], rows: string[][]): ColumnMapping {
  const fields = Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f.field, { from: "none" }])) as ColumnMapping["fields"];
  const used = new Set<string>();
  const values = (i: number) => rows.map((r) => (r[i] ?? "").trim()).filter(Boolean);
  header.forEach((column, i) => {
    // Mostly numbers: a stray "n/a" does not stop a time column being one (applyMapping names that row).
    const numeric = values(i).filter((v) => !Number.isNaN(numberOf(v))).length * 2 >= values(i).length;
    const hit = GUESSES.find(
      ([re, field]) =>
        re.test(column) &&
        fields[field].from === "none" &&
        (numeric || kindOf(field) === "text" || kindOf(field) === "workload"),
    );
    if (!hit) return;
    const field = hit[1];
    fields[field] = {
      from: "column",
      column,
      unit: unitIn(column, kindOf(field)) ?? Object.keys(UNITS[kindOf(field)])[0],
    };
    used.add(column);
  });
  const namesWorkloads = (v: string) => WORKLOAD_WORDS.some(([re]) => re.test(v));
  // A column of rates alone ("10GE", "40 Gb/s") names the link.
  if (fields.link.from === "none") {
    const i = header.findIndex(
      (c, i) => !used.has(c) && values(i).length > 0 && values(i).every((v) => linkHint(v) && !namesWorkloads(v)),
    );
    if (i >= 0) {
      fields.link = { from: "column", column: header[i] };
      used.add(header[i]);
    }
  }
  // A column of words that name workloads: its values decide the workload (and the link, if no column does).
  const ruleColumn = header.find((c, i) => !used.has(c) && values(i).some(namesWorkloads)) ?? null;
  const rules: ColumnMapping["rules"] = {};
  if (ruleColumn) {
    for (const v of values(header.indexOf(ruleColumn))) rules[v] ??= guessRule(v);
    for (const field of RULE_FIELDS) if (fields[field].from === "none") fields[field] = { from: "rules" };
  }
  if (fields.profile.from === "none") fields.profile = { from: "value", value: "1 × 16 GiB · {workload}" };
  if (fields.memoryBytes.from === "none") fields.memoryBytes = { from: "value", value: "16", unit: "GiB" };
  if (fields.vmCount.from === "none") fields.vmCount = { from: "value", value: "1" };
  return { fields, ruleColumn, rules, links: {}, profiles: {} };
}

/** One row read through a mapping's sources: raw field values, and the values that choose link and profile. */
type RowRead = { record: Record<string, string>; linkValue: string; profileName: string; messages: string[] };

function readRow(header: string[], row: string[], mapping: ColumnMapping): RowRead {
  const messages: string[] = [];
  const record: Record<string, string> = {};
  const ruleIndex = mapping.ruleColumn ? header.indexOf(mapping.ruleColumn) : -1;
  const categoryValue = ruleIndex >= 0 ? (row[ruleIndex] ?? "").trim() : "";
  let linkValue = "";
  for (const { field, kind, label } of MAPPABLE_FIELDS) {
    const source: FieldSource = mapping.fields[field];
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
      if (ruleIndex < 0) {
        messages.push(`${label}: no category column is chosen`);
        continue;
      }
      if (field === "link") raw = categoryValue;
      else {
        raw = mapping.rules[categoryValue]?.workload ?? "";
        if (!raw) {
          messages.push(
            `"${categoryValue}" in column "${mapping.ruleColumn}" has no ${label.toLowerCase()} in its rule`,
          );
          continue;
        }
      }
    }
    if (raw === undefined || raw.trim() === "") continue;
    if (field === "link") {
      linkValue = raw.trim();
      continue;
    }
    const factor = unit ? UNITS[kind][unit] : undefined;
    if (factor !== undefined) {
      const n = numberOf(raw);
      if (Number.isNaN(n)) messages.push(`${label}: "${raw.trim()}" is not a number`);
      else record[field] = String(+(n * factor).toPrecision(15));
    } else record[field] = raw.trim();
  }
  const profileName = (record.profile ?? "").replaceAll("{workload}", record.workload ?? "").trim();
  if (!linkValue) messages.push("Link: not given");
  if (!profileName) messages.push("VM profile name: not given");
  return { record, linkValue, profileName, messages };
}

/** The distinct values of a file that name its links and its VM profiles, in file order. */
export function mappedValues(
  header: string[],
  rows: string[][],
  mapping: ColumnMapping,
): { links: string[]; profiles: string[] } {
  const links = new Set<string>();
  const profiles = new Set<string>();
  for (const row of rows) {
    const read = readRow(header, row, mapping);
    if (read.linkValue) links.add(read.linkValue);
    if (read.profileName) profiles.add(read.profileName);
  }
  return { links: [...links], profiles: [...profiles] };
}

/**
 * The mapping with a choice for every value that names a link or profile: the user's (or the saved)
 * choice where it still fits — an existing record still in the catalog, a new one only for a user who
 * may create (and as the existing one once a record of its name exists) — otherwise the guess, otherwise
 * none. Values no longer in the file are dropped.
 */
export function resolveChoices(
  header: string[],
  rows: string[][],
  mapping: ColumnMapping,
  catalog: ImportCatalog,
): ColumnMapping {
  const { links, profiles } = mappedValues(header, rows, mapping);
  const linkOk = (c: LinkChoice | null | undefined): c is LinkChoice =>
    !!c && (c.kind === "new" ? catalog.canCreate : catalog.links.some((l) => l.id === c.linkId));
  const profileOk = (c: ProfileChoice | null | undefined): c is ProfileChoice =>
    !!c && (c.kind === "new" ? catalog.canCreate : catalog.profiles.some((p) => p.id === c.profileId));
  // A new one saved before that exists by now (the import that made it) is that one.
  const madeLink = (c: LinkChoice | null | undefined) =>
    c?.kind === "new" ? catalog.links.find((l) => l.name === c.name.trim()) : undefined;
  const madeProfile = (c: ProfileChoice | null | undefined) =>
    c?.kind === "new" ? catalog.profiles.find((p) => p.name === c.name.trim()) : undefined;
  return {
    ...mapping,
    links: Object.fromEntries(
      links.map((v) => {
        const kept = mapping.links[v];
        const guess = madeLink(kept) ?? (linkOk(kept) ? null : guessLink(v, catalog.links));
        return [v, guess ? { kind: "existing", linkId: guess.id } : linkOk(kept) ? kept : null];
      }),
    ),
    profiles: Object.fromEntries(
      profiles.map((v) => {
        const kept = mapping.profiles[v];
        const guess = madeProfile(kept) ?? (profileOk(kept) ? null : guessProfile(v, catalog.profiles));
        return [v, guess ? { kind: "existing", profileId: guess.id } : profileOk(kept) ? kept : null];
      }),
    ),
  };
}

/** A new link's or profile's first name and rate, from the value it stands for. */
export function newLinkFor(value: string): Extract<LinkChoice, { kind: "new" }> {
  const hint = linkHint(value);
  return { kind: "new", name: hint?.name ?? value, lineRateGbps: hint ? String(hint.lineRateGbps) : "" };
}

export type MappedRows = {
  /** Records in the export's columns, as text. */
  records: Record<string, string>[];
  /** Rows (from 1) the mapping cannot place, with why. */
  problems: { row: number; messages: string[] }[];
};

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/**
 * Applies a mapping to a file's rows: every field from its column (converted to base units), value or
 * rule; the link and VM profile from the choice for the row's value — an existing one's own name, rates
 * and sizes (so the server finds it as it is), or a new one's as given.
 */
export function applyMapping(
  header: string[],
  rows: string[][],
  mapping: ColumnMapping,
  catalog: ImportCatalog,
): MappedRows {
  const records: Record<string, string>[] = [];
  const problems: MappedRows["problems"] = [];
  const iterations = new Map<string, number>();
  rows.forEach((row, r) => {
    const { record, linkValue, profileName, messages } = readRow(header, row, mapping);
    const link = linkValue ? mapping.links[linkValue] : undefined;
    if (linkValue && !link) messages.push(`"${linkValue}" is not mapped to a link of this testbed`);
    else if (link?.kind === "existing") {
      const found = catalog.links.find((l) => l.id === link.linkId);
      if (!found) messages.push(`the link chosen for "${linkValue}" is no longer on this testbed`);
      else
        Object.assign(record, {
          link: found.name,
          lineRateGbps: text(found.lineRateGbps),
          busLimitGbps: text(found.busLimitGbps),
        });
    } else if (link?.kind === "new") {
      const rate = numberOf(link.lineRateGbps);
      if (!(rate > 0)) messages.push(`the new link for "${linkValue}" needs a line rate in Gb/s`);
      else Object.assign(record, { link: link.name.trim(), lineRateGbps: String(rate) });
    }
    const profile = profileName ? mapping.profiles[profileName] : undefined;
    if (profileName && !profile) messages.push(`"${profileName}" is not mapped to a VM profile`);
    else if (profile?.kind === "existing") {
      const found = catalog.profiles.find((p) => p.id === profile.profileId);
      if (!found) messages.push(`the VM profile chosen for "${profileName}" no longer exists`);
      else
        Object.assign(record, {
          profile: found.name,
          memoryBytes: text(found.memoryBytes),
          vmCount: text(found.vmCount),
          vcpuCount: text(found.vcpuCount),
          workload: found.workload,
          dirtyRateBytesPerSec: text(found.dirtyRateBytesPerSec),
          workingSetBytes: text(found.workingSetBytes),
        });
    } else if (profile?.kind === "new") {
      record.profile = profile.name.trim();
      if (!record.memoryBytes) messages.push(`the new VM profile "${profile.name}" needs the memory per VM`);
    }
    // Repeated rows of one link and profile are the iterations of that cell, in file order.
    const cell = `${record.link}\u0000${record.profile}`;
    iterations.set(cell, (iterations.get(cell) ?? 0) + 1);
    record.iteration = String(iterations.get(cell));
    if (messages.length) problems.push({ row: r + 1, messages });
    else records.push(record);
  });
  return { records, problems };
}

/** The export's columns a mapped file is written in. */
const MAPPED_COLUMNS = [
  ...MAPPABLE_FIELDS.map((f) => f.field),
  "lineRateGbps",
  "busLimitGbps",
  "vcpuCount",
  "dirtyRateBytesPerSec",
  "workingSetBytes",
  "iteration",
];

/** Mapped records as a CSV in the export's columns, ready for POST /api/imports. */
export function mappedCsv(records: Record<string, string>[]): string {
  return Papa.unparse({ fields: MAPPED_COLUMNS, data: records.map((r) => MAPPED_COLUMNS.map((c) => r[c] ?? "")) });
}

/**
 * Whether a saved mapping fits a file's header: every column it reads is in the header. (Its link and
 * profile choices are checked against the testbed by resolveChoices.)
 */
export function mappingFits(mapping: ColumnMapping, header: string[]): boolean {
  const columns = Object.values(mapping.fields).flatMap((f) => (f.from === "column" ? [f.column] : []));
  return (!mapping.ruleColumn || header.includes(mapping.ruleColumn)) && columns.every((c) => header.includes(c));
}
