import { z } from "zod";

/** Form inputs arrive as strings; an empty field means "not given". */
function blankToUndefined(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" && value.trim() === "") return undefined;
  return value;
}

/** A required number typed into a form field, with a message naming the field and its unit. */
export function numberField(label: string, unit?: string) {
  const what = unit ? `${label} in ${unit}` : label;
  return z.preprocess(
    blankToUndefined,
    z
      .custom<unknown>((v) => v !== undefined, { error: `${label} is required` })
      .pipe(z.coerce.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be a number`)),
  );
}

/** An optional number: blank is allowed, anything else must be a number. */
export function optionalNumberField(label: string, unit?: string) {
  const what = unit ? `${label} in ${unit}` : label;
  return z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be a number`).optional(),
  );
}

/** Trimmed required text. */
export function textField(label: string, max = 120) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);
}

/** Trimmed optional text, "" when absent. */
export function optionalTextField(label: string, max = 2000) {
  return z
    .preprocess((v) => (v == null ? "" : v), z.string())
    .transform((s) => s.trim())
    .pipe(z.string().max(max, `${label} must be at most ${max} characters`));
}

/** HTML checkboxes send "on" when ticked and nothing otherwise. */
export const checkboxField = z.preprocess(
  (v) => v === true || v === "on" || v === "true" || v === "1",
  z.boolean(),
);

/** A positive database id from a route or hidden field. */
export const idField = z.coerce.number({ error: "Invalid id" }).int("Invalid id").positive("Invalid id");

/** Field errors keyed by field name, as returned to forms. */
export type FieldErrors = Record<string, string[] | undefined>;

/** Turns FormData into a plain object (last value wins). */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$ACTION")) out[key] = typeof value === "string" ? value : value.name;
  }
  return out;
}

/**
 * An id bound to a server action on the server (`action.bind(null, id)`). It comes back from the
 * browser as data, so it is checked like any input: a positive safe integer, no coercion.
 */
export const boundIdSchema = z.number().int().positive().max(2_147_483_647);
