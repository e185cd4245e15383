import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireRole, type SignedIn } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import type { WriteResult } from "@/lib/db/errors";
import { boundIdSchema, formDataToObject } from "@/lib/schemas/fields";
import { INVALID_REQUEST, invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";

/*
 * Every server action has one shape, written here once: the caller's role checked first (401/403
 * before anything else runs), the ids it was bound to checked as ids, a form's values read through its
 * shared schema; then one operation of lib/operations (which writes the audit row); then the pages
 * that show the change refreshed, and a redirect or a message. A refusal comes back with what was
 * typed (ActionState.values), so the form shows it again.
 */

/** What follows a change that succeeded: the pages to refresh, then a redirect or a message. */
export type AfterChange<T> = {
  /** A function when the paths are built from ids or the change's value, so it runs only on valid ones. */
  refresh: readonly string[] | ((value: T) => readonly string[]);
  redirectTo?: (value: T) => string;
  message?: (value: T) => string;
};

function finish<T>(value: T, after: AfterChange<T>): ActionState {
  for (const path of typeof after.refresh === "function" ? after.refresh(value) : after.refresh) revalidatePath(path);
  if (after.redirectTo) redirect(after.redirectTo(value));
  return after.message ? { ok: true, message: after.message(value) } : { ok: true };
}

function idsAreValid(ids: readonly unknown[]): boolean {
  return ids.every((id) => boundIdSchema.safeParse(id).success);
}

export type FormOptions = {
  /** The ids the action was bound to. */
  ids?: readonly unknown[];
  /** Values the schema reads beside the form's (e.g. the testbed id a link belongs to). */
  extra?: Record<string, unknown>;
  /** How the FormData becomes values (a form with repeated fields reads them as lists); null: not a form. */
  read?: (formData: unknown) => Record<string, unknown> | null;
};

export type ReadForm<T> =
  { ok: true; principal: SignedIn; values: Record<string, unknown>; data: T } | { ok: false; state: ActionState };

/**
 * A form action's input: role, then the FormData as plain values (kept to refill the form), the bound
 * ids, and the schema's parse of the values merged with `extra` (e.g. the testbed id a link belongs to).
 */
export async function readForm<S extends z.ZodType>(
  role: Role,
  formData: unknown,
  schema: S,
  { ids = [], extra = {}, read = formDataToObject }: FormOptions = {},
): Promise<ReadForm<z.output<S>>> {
  const principal = await requireRole(role);
  const values = read(formData);
  if (!values) return { ok: false, state: refused(INVALID_REQUEST, {}) };
  if (!idsAreValid(ids)) return { ok: false, state: refused(INVALID_REQUEST, values) };
  const parsed = schema.safeParse({ ...values, ...extra });
  if (!parsed.success) return { ok: false, state: invalidInput(parsed.error, values) };
  return { ok: true, principal, values, data: parsed.data };
}

/**
 * A form's action: readForm, then the change with the parsed data (refused: the message at its field,
 * with what was typed), then what follows it.
 */
export async function formAction<S extends z.ZodType, T>(
  role: Role,
  formData: unknown,
  schema: S,
  change: (principal: SignedIn, data: z.output<S>) => Promise<WriteResult<T>>,
  after: AfterChange<T>,
  options: FormOptions = {},
): Promise<ActionState> {
  const form = await readForm(role, formData, schema, options);
  if (!form.ok) return form.state;
  const result = await change(form.principal, form.data);
  if (!result.ok) return refused(result.message, form.values, result.field);
  return finish(result.value, after);
}

/**
 * A button's action on records named by ids (delete, cancel, re-run, revoke): role, ids, the change
 * (which writes its own audit row), then what follows it (`after`, or just the pages to refresh).
 */
export async function idAction<T>(
  role: Role,
  ids: readonly unknown[],
  change: (principal: SignedIn) => Promise<WriteResult<T>>,
  after: AfterChange<T> | AfterChange<T>["refresh"],
): Promise<ActionState> {
  const principal = await requireRole(role);
  if (!idsAreValid(ids)) return refused(INVALID_REQUEST, {});
  const result = await change(principal);
  if (!result.ok) return refused(result.message, {});
  return finish(
    result.value,
    typeof after === "function" || Array.isArray(after) ? { refresh: after } : (after as AfterChange<T>),
  );
}
