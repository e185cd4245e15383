import { z } from "zod";
import { MAPPABLE_FIELDS, type MappableField } from "@/lib/import/mapping";
import { WORKLOADS } from "./profile";
import { boundIdSchema, idInput, textField } from "./fields";

/** How many distinct values a mapping may hold choices for (links, profiles, category values), and columns. */
export const MAPPING_LIMITS = { values: 200, columns: 100, text: 200 } as const;

const text = z.string().max(MAPPING_LIMITS.text);
const unit = z.string().max(20).optional();

const fieldSourceSchema = z.discriminatedUnion("from", [
  z.object({ from: z.literal("column"), column: text, unit }).strict(),
  z.object({ from: z.literal("value"), value: text, unit }).strict(),
  z.object({ from: z.literal("rules") }).strict(),
  z.object({ from: z.literal("none") }).strict(),
]);

/** A link a file's value maps to: one of the testbed's, or a new one (admins only, checked on the server too). */
export const linkChoiceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("existing"), linkId: boundIdSchema }).strict(),
  z
    .object({
      kind: z.literal("new"),
      name: textField("New link name", MAPPING_LIMITS.text),
      // As typed: the mapping says which values are not numbers, per row, before anything is sent.
      lineRateGbps: z.string().max(20),
    })
    .strict(),
]);

/** A VM profile a file's profile name maps to: an existing one, or a new one (admins only). */
export const profileChoiceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("existing"), profileId: boundIdSchema }).strict(),
  z.object({ kind: z.literal("new"), name: textField("New VM profile name", MAPPING_LIMITS.text) }).strict(),
]);

/** A record keyed by a file's values, at most MAPPING_LIMITS.values of them. */
const byValue = <T extends z.ZodType>(item: T) =>
  z.record(text, item).refine((r) => Object.keys(r).length <= MAPPING_LIMITS.values, {
    message: `A mapping holds at most ${MAPPING_LIMITS.values} distinct values`,
  });

/**
 * A column mapping (lib/import/mapping.ts): where each field comes from, the category column's workload
 * rules, and for each value that names a link or a VM profile the record it maps to (null: not chosen).
 */
export const columnMappingSchema = z
  .object({
    fields: z
      .object(
        Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f.field, fieldSourceSchema])) as Record<
          MappableField,
          typeof fieldSourceSchema
        >,
      )
      .strict(),
    ruleColumn: text.nullable(),
    rules: byValue(z.object({ workload: z.enum(["", ...WORKLOADS]) }).strict()),
    links: byValue(linkChoiceSchema.nullable()),
    profiles: byValue(profileChoiceSchema.nullable()),
  })
  .strict();

export type FieldSource = z.output<typeof fieldSourceSchema>;
export type LinkChoice = z.output<typeof linkChoiceSchema>;
export type ProfileChoice = z.output<typeof profileChoiceSchema>;
export type ColumnMapping = z.output<typeof columnMappingSchema>;

/**
 * The source a mapping is saved under: the citation typed in the import form, trimmed with runs of
 * spaces made one, so "Mellanox  paper " and "Mellanox paper" find the same mapping.
 */
export const importSourceKey = (source: string) => source.trim().replace(/\s+/g, " ");

/** A mapping to keep for a testbed and source, with the header of the file it was made for. */
export const saveImportMappingSchema = z.object({
  testbedId: idInput("json", "Choose the testbed the runs were measured on"),
  source: textField("Source", 1000).transform(importSourceKey),
  header: z.array(text).min(1).max(MAPPING_LIMITS.columns),
  mapping: columnMappingSchema,
});
export type SaveImportMapping = z.output<typeof saveImportMappingSchema>;

/** The import page's URL: the testbed and source whose saved mapping it starts from (anything else ignored). */
export const importPageParamsSchema = z.object({
  testbedId: idInput("form", "").optional().catch(undefined),
  source: z.string().max(1000).optional().catch(undefined),
});
