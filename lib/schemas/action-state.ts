import { z } from "zod";
import type { FieldErrors } from "./fields";

/**
 * What every form action returns: ok with an optional message, or the reason it refused plus the
 * values sent, so the form can show errors beside each field without losing what was typed.
 */
export type ActionState =
  | { ok: null }
  | { ok: true; message?: string }
  | { ok: false; message: string; fieldErrors: FieldErrors; values: Record<string, string>; attempt: number };

export const INITIAL_ACTION_STATE: ActionState = { ok: null };

/** A refusal: what went wrong, at which fields, and what was sent (to fill the form again). */
export type Refusal = Extract<ActionState, { ok: false }>;

/** The refusal for a call no page of the app makes: mangled arguments, ids that are not ids. */
export const INVALID_REQUEST = "This request is not valid; reload the page and try again.";

/** The refusal for input that failed its schema. */
export function invalidInput(error: z.ZodError, values: Record<string, unknown>): Refusal {
  return {
    ok: false,
    message: "Some fields need attention; see the messages beside them.",
    fieldErrors: z.flattenError(error).fieldErrors as FieldErrors,
    values: stringValues(values),
    attempt: Date.now(),
  };
}

/** A refusal from the database layer (e.g. a duplicate name), attached to a field when it has one. */
export function refused(message: string, values: Record<string, unknown>, field?: string): Refusal {
  return {
    ok: false,
    message,
    fieldErrors: field ? { [field]: [message] } : {},
    values: stringValues(values),
    attempt: Date.now(),
  };
}

function stringValues(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v == null ? "" : String(v)]));
}

/**
 * A key for a form that changes after every refused submission: remounting the form makes every
 * input, selects included, show the values that were sent.
 */
export function formKey(state: ActionState): string {
  return state.ok === false ? `refused-${state.attempt}` : "form";
}
