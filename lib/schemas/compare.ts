import { z } from "zod";
import { METRIC_KEYS, METRIC_REGISTRY, type MetricKey } from "@/lib/model/metrics";
import { MAX_ID, textField } from "./fields";
import { WORKLOADS } from "@/lib/model/vocabulary";
import { labelOfSettingsKey } from "@/lib/model/migration-settings";

/**
 * A comparison is fully described by its URL:
 *   b, c      baseline and candidate run sets: terms "kind:id[.id…]" joined by "+" (all must hold),
 *             kind = campaign | link | testbed | profile | runs — e.g. b=campaign:1+link:2, c=runs:7.8.9
 *   metric    durationMs | throughputGbps | transferredBytes | downtimeMs   (default durationMs)
 *   group     profile | workload | workload-rate | none                     (default profile)
 *   pool      1: groups may mix VM sizes and counts (by default each grouping keeps them apart)
 *   curves    run ids joined by "." whose remaining-bytes curves are overlaid (default: a few per side)
 *   workload  idle | once | continuous (optional filter, both sides)
 *   profile   VM profile id (optional filter, both sides)
 *   bv, cv    a settings variant per side, by its label ("Pre-copy", "auto-converge", "multifd ×4", …):
 *             only that variant's runs count there; with both set the two variants are put against
 *             each other group by group (optional)
 */
export const SELECTION_KINDS = ["campaign", "link", "testbed", "profile", "runs"] as const;
export type SelectionKind = (typeof SELECTION_KINDS)[number];
export type SelectionTerm = { kind: SelectionKind; ids: number[] };

/** The metrics /compare offers: the registry's (lib/model/metrics.ts), with what compare reads of each. */
export const METRICS = Object.fromEntries(
  METRIC_KEYS.map((k) => {
    const { label, unit, direction, better } = METRIC_REGISTRY[k];
    return [k, { label, unit, direction, better }];
  }),
) as { [K in MetricKey]: Pick<(typeof METRIC_REGISTRY)[K], "label" | "unit" | "direction" | "better"> };
export type Metric = keyof typeof METRICS;

export const GROUPINGS = {
  profile: "VM profile",
  "workload-rate": "Workload × link rate",
  workload: "Workload",
  none: "VM size only",
} as const;
export type Grouping = keyof typeof GROUPINGS;

/** How many ids one side of a comparison may name (runs:… lists included). */
export const MAX_SELECTION_IDS = 500;

/** Parses "campaign:1+link:2" into terms; null when malformed. */
export function parseSelection(text: string): SelectionTerm[] | null {
  const terms: SelectionTerm[] = [];
  if (text.length > 20_000) return null;
  for (const part of text
    .split("+")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(campaign|link|testbed|profile|runs):([0-9]+(?:[.,][0-9]+)*)$/.exec(part);
    if (!m) return null;
    const ids = m[2]
      .split(/[.,]/)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31);
    if (!ids.length) return null;
    terms.push({ kind: m[1] as SelectionKind, ids });
  }
  return terms.length ? terms : null;
}

/** The inverse of parseSelection. */
export function formatSelection(terms: SelectionTerm[]): string {
  return terms.map((t) => `${t.kind}:${t.ids.join(".")}`).join("+");
}

const selection = z.string().transform((s, ctx) => {
  const terms = parseSelection(s);
  if (!terms) {
    ctx.addIssue({
      code: "custom",
      message: `"${s.length > 80 ? `${s.slice(0, 80)}…` : s}" is not a run selection (e.g. campaign:1+link:2 or runs:4.5.6)`,
    });
    return z.NEVER;
  }
  const ids = terms.reduce((n, t) => n + t.ids.length, 0);
  if (ids > MAX_SELECTION_IDS) {
    ctx.addIssue({
      code: "custom",
      message: `A selection names at most ${MAX_SELECTION_IDS} ids (this one names ${ids}): choose a campaign, link or testbed instead of listing runs`,
    });
    return z.NEVER;
  }
  return terms;
});

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** A side's settings variant, by label; absent or empty: every variant. */
const variant = z.preprocess(
  (v) => (first(v) === "" ? undefined : first(v)),
  z.string().trim().min(1).max(200, "A settings variant is named in at most 200 characters").optional(),
);

/** The search params of /compare, with defaults; invalid values are reported per field. */
export const compareParamsSchema = z.object({
  b: z.preprocess(first, selection.optional()),
  c: z.preprocess(first, selection.optional()),
  metric: z.preprocess(first, z.enum(Object.keys(METRICS) as [Metric, ...Metric[]]).default("durationMs")),
  group: z.preprocess(first, z.enum(Object.keys(GROUPINGS) as [Grouping, ...Grouping[]]).default("profile")),
  pool: z.preprocess(
    (v) => (first(v) === undefined || first(v) === "" ? "0" : first(v)),
    z.enum(["0", "1"], { error: "pool must be 0 or 1" }).transform((v) => v === "1"),
  ),
  curves: z.preprocess(
    (v) => (first(v) === "" ? undefined : first(v)),
    z
      .string()
      .max(200)
      .regex(/^[0-9]{1,10}(\.[0-9]{1,10}){0,15}$/, "curves must be up to 16 run ids joined by dots (e.g. 4.9.12)")
      .transform((s) => s.split(".").map(Number))
      .optional(),
  ),
  workload: z.preprocess((v) => (first(v) === "" ? undefined : first(v)), z.enum(WORKLOADS).optional()),
  bv: variant,
  cv: variant,
  profile: z.preprocess(
    (v) => (first(v) === "" ? undefined : first(v)),
    z.coerce
      .number({ error: "profile must be a VM profile id" })
      .int("profile must be a VM profile id")
      .positive("profile must be a VM profile id")
      .max(MAX_ID, "profile must be a VM profile id")
      .optional(),
  ),
});
export type CompareParams = z.output<typeof compareParamsSchema>;

/** A settings variant's label in a URL ("Pre-copy" for the defaults) ↔ its stored key ("" for the defaults). */
export const variantKeyOfLabel = (label: string) => (label === labelOfSettingsKey("") ? "" : label);

/** The URL query string for a comparison (stable order, defaults included so links are explicit). */
export function compareQuery(p: {
  b?: SelectionTerm[];
  c?: SelectionTerm[];
  metric: Metric;
  group: Grouping;
  pool?: boolean;
  workload?: string;
  profile?: number;
  curves?: number[];
  bv?: string;
  cv?: string;
}): string {
  const q = new URLSearchParams();
  if (p.b) q.set("b", formatSelection(p.b));
  if (p.c) q.set("c", formatSelection(p.c));
  q.set("metric", p.metric);
  q.set("group", p.group);
  if (p.pool) q.set("pool", "1");
  if (p.workload) q.set("workload", p.workload);
  if (p.profile) q.set("profile", String(p.profile));
  if (p.bv) q.set("bv", p.bv);
  if (p.cv) q.set("cv", p.cv);
  if (p.curves?.length) q.set("curves", p.curves.join("."));
  return q.toString();
}

/** The slug of a saved comparison: lower-case letters and digits (8 in early links, 20 since). */
export const slugSchema = z.string().regex(/^[a-z0-9]{8,32}$/, "Not a saved comparison link");

/** Saving the comparison on screen: a title and the query string it was built from. */
export const saveComparisonSchema = z.object({
  title: textField("Title", 200),
  query: z
    .string({ error: "Nothing to save: choose a baseline and a candidate first" })
    .min(1, "Nothing to save: choose a baseline and a candidate first")
    .max(20_000, "This comparison is too large to save"),
});

/** Parses a stored or typed query string into URLSearchParams-like record for the schema. */
export function queryToRecord(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query).entries());
}
