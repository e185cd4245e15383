import { z } from "zod";

/**
 * Field builders shared by every schema. Each input has one schema with one set of bounds; it
 * comes in two encodings:
 *   "json"  the JSON API and JSON imports: strict types — a number is a JSON number, never "0x10",
 *           true or []; null means "not given" for optional fields;
 *   "form"  HTML forms and CSV imports, where everything is a string: blank means "not given", and
 *           a plain decimal string (no hex, no spaces inside, no Infinity) becomes a number.
 * Text is bounded in length and may not hold control characters (single-line fields) or NUL and
 * unpaired surrogates (any field), which would otherwise reach the HTML and the database raw.
 */
export type InputMode = "form" | "json";

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The largest id a route or field may name (SQLite INTEGER ids, 32-bit in practice). */
export const MAX_ID = 2_147_483_647;

/** Form and CSV values: a blank string is "not given"; a decimal string is a number. */
function fromFormString(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  return DECIMAL.test(trimmed) ? Number(trimmed) : value;
}

/** JSON: null is "not given". */
function fromJson(value: unknown): unknown {
  return value === null ? undefined : value;
}

export type NumberBounds = {
  unit?: string;
  min?: number;
  max?: number;
  /** The minimum itself is not allowed (sizes and rates are more than 0). */
  minExclusive?: boolean;
  int?: boolean;
  /** The message when outside the bounds; by default one naming them. */
  message?: string;
};

function boundsMessage(label: string, b: NumberBounds): string {
  if (b.message) return b.message;
  const unit = b.unit ? ` ${b.unit}` : "";
  if (b.int) return `${label} must be a whole number from ${b.min} to ${b.max}${unit}`;
  if (b.minExclusive) return `${label} must be more than ${b.min} and at most ${b.max}${unit}`;
  return `${label} must be from ${b.min} to ${b.max}${unit}`;
}

function within(v: number, b: NumberBounds): boolean {
  if (b.int && !Number.isInteger(v)) return false;
  if (b.min !== undefined && (b.minExclusive ? v <= b.min : v < b.min)) return false;
  return b.max === undefined || v <= b.max;
}

function numberCore(label: string, b: NumberBounds, required = false) {
  const what = b.unit ? `${label} in ${b.unit}` : label;
  return z
    .number({
      error: (issue) => (required && issue.input === undefined ? `${label} is required` : `${what} must be a number`),
    })
    .refine((v) => within(v, b), boundsMessage(label, b));
}

/** A required, bounded number. */
export function numberInput(mode: InputMode, label: string, bounds: NumberBounds = {}) {
  return z.preprocess(mode === "form" ? fromFormString : fromJson, numberCore(label, bounds, true));
}

/** An optional, bounded number (blank or null: undefined). */
export function optionalNumberInput(mode: InputMode, label: string, bounds: NumberBounds = {}) {
  return z.preprocess(mode === "form" ? fromFormString : fromJson, numberCore(label, bounds).optional());
}

/** A required database id; `message` for anything that is not one (e.g. "Choose a testbed"). */
export function idInput(mode: InputMode, message: string) {
  return z.preprocess(
    mode === "form" ? fromFormString : fromJson,
    z.number({ error: message }).int(message).min(1, message).max(MAX_ID, message),
  );
}

/** A list of ids (checkboxes in a form, an array in JSON): at least one, at most `max`, duplicates dropped. */
export function idListInput(mode: InputMode, what: string, max = 100) {
  const item = z.preprocess(
    mode === "form" ? fromFormString : (v) => v,
    z
      .number({ error: `Invalid ${what} id` })
      .int(`Invalid ${what} id`)
      .min(1, `Invalid ${what} id`)
      .max(MAX_ID, `Invalid ${what} id`),
  );
  const list = z
    .array(item, { error: `Choose at least one ${what}` })
    .min(1, `Choose at least one ${what}`)
    .max(max, `Choose at most ${max} ${what}s`)
    .transform((ids) => [...new Set(ids)]);
  return mode === "form"
    ? z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), list)
    : z.preprocess((v) => (v === undefined ? [] : v), list);
}

/** Checks shared by every text: no NUL or other control characters (newlines only where allowed), no unpaired surrogates. */
function cleanText(label: string, multiline: boolean) {
  return (s: string, ctx: z.RefinementCtx) => {
    if ((multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(s))
      ctx.addIssue({
        code: "custom",
        message: `${label} must not contain control characters${multiline ? "" : " or line breaks"}`,
      });
    else if (LONE_SURROGATE.test(s))
      ctx.addIssue({ code: "custom", message: `${label} contains a broken character (an unpaired surrogate)` });
  };
}

/** Trimmed required single-line text. */
export function textField(label: string, max = 200) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`)
    .superRefine(cleanText(label, false));
}

/** Trimmed optional text, "" when absent; line breaks allowed. */
export function optionalTextField(label: string, max = 2000) {
  return z
    .preprocess((v) => (v == null ? "" : v), z.string({ error: `${label} must be text` }))
    .transform((s) => s.trim())
    .pipe(z.string().max(max, `${label} must be at most ${max} characters`).superRefine(cleanText(label, true)));
}

/** HTML checkboxes send "on" when ticked and nothing otherwise. */
export const checkboxField = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

/** Field errors keyed by field name, as returned to forms. */
export type FieldErrors = Record<string, string[] | undefined>;

/**
 * Turns FormData into a plain object (last value wins; a file becomes its name). Anything that is
 * not FormData — a server action called with other arguments — gives null, for the action to refuse.
 */
export function formDataToObject(formData: unknown): Record<string, unknown> | null {
  if (!(formData instanceof FormData)) return null;
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
export const boundIdSchema = z.number().int().positive().max(MAX_ID);
