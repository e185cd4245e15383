import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireRole, type SignedIn } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import type { WriteResult } from "@/lib/db/errors";
import { boundIdSchema, formDataToObject } from "@/lib/schemas/fields";
import { slugSchema } from "@/lib/schemas/compare";
import { INVALID_REQUEST, invalidInput, refused, type Refusal } from "@/lib/schemas/action-state";

/*
 * Every server action has one shape, written here once: the caller's role checked first (401/403
 * before anything else runs), the arguments it was bound to checked (ids as ids), a form's values read
 * through its shared schema; then one operation of lib/operations (which writes the audit row); then
 * the pages that show the change refreshed, and a redirect or a reply. A refusal comes back with what
 * was typed (ActionState.values, secrets left out), so the form shows it again.
 */

/** What follows a change that succeeded: the pages to refresh, then a redirect, or a message (and more) back. */
export type AfterChange<T, X extends object = object> = {
  /** A function when the paths are built from ids or the change's value, so it runs only on valid ones. */
  refresh: readonly string[] | ((value: T) => readonly string[]);
  redirectTo?: (value: T) => string;
  message?: (value: T) => string;
  /** More for the form than a message (a token shown once). */
  reply?: (value: T) => X;
};

/** What an action answers: the refusal or success of ActionState, with what `reply` adds on success. */
export type ActionReply<X extends object = object> = { ok: null } | Refusal | ({ ok: true; message?: string } & X);

function finish<T, X extends object>(value: T, after: AfterChange<T, X>): ActionReply<X> {
  for (const path of typeof after.refresh === "function" ? after.refresh(value) : after.refresh) revalidatePath(path);
  if (after.redirectTo) redirect(after.redirectTo(value));
  return {
    ok: true,
    ...(after.message ? { message: after.message(value) } : {}),
    ...(after.reply ? after.reply(value) : ({} as X)),
  };
}

/**
 * A bound argument that is not a numeric id (a user id, a flag), checked with its own schema. A class,
 * so that nothing a browser sends (plain data) can pass for one.
 */
export class Bound {
  constructor(
    readonly value: unknown,
    readonly schema: z.ZodType,
  ) {}
}

/** The arguments an action was bound to: numeric ids, or Bound values with their schemas. */
function boundAreValid(ids: readonly unknown[]): boolean {
  return ids.every(
    (id) => (id instanceof Bound ? id.schema : boundIdSchema).safeParse(id instanceof Bound ? id.value : id).success,
  );
}

export type FormOptions = {
  /** The arguments the action was bound to (ids, or Bound values). */
  ids?: readonly unknown[];
  /** Values the schema reads beside the form's (e.g. the testbed id a link belongs to). */
  extra?: Record<string, unknown>;
  /** How the FormData becomes values (a form with repeated fields reads them as lists); null: not a form. */
  read?: (formData: unknown) => Record<string, unknown> | null;
  /** Fields never sent back to refill the form (passwords). */
  secretFields?: readonly string[];
};

export type ReadForm<T> =
  { ok: true; principal: SignedIn; values: Record<string, unknown>; data: T } | { ok: false; state: Refusal };

/**
 * A form action's input: role, then the FormData as plain values (kept to refill the form, but for
 * secret fields), the bound arguments, and the schema's parse of the values merged with `extra`.
 */
export async function readForm<S extends z.ZodType>(
  role: Role,
  formData: unknown,
  schema: S,
  { ids = [], extra = {}, read = formDataToObject, secretFields = [] }: FormOptions = {},
): Promise<ReadForm<z.output<S>>> {
  const principal = await requireRole(role);
  const read_ = read(formData);
  if (!read_) return { ok: false, state: refused(INVALID_REQUEST, {}) };
  const values = Object.fromEntries(Object.entries(read_).filter(([k]) => !secretFields.includes(k)));
  if (!boundAreValid(ids)) return { ok: false, state: refused(INVALID_REQUEST, values) };
  const parsed = schema.safeParse({ ...read_, ...extra });
  if (!parsed.success) return { ok: false, state: invalidInput(parsed.error, values) };
  return { ok: true, principal, values, data: parsed.data };
}

/**
 * A form's action: readForm, then the change with the parsed data (refused: the message at its field,
 * with what was typed), then what follows it.
 */
export async function formAction<S extends z.ZodType, T, X extends object = object>(
  role: Role,
  formData: unknown,
  schema: S,
  change: (principal: SignedIn, data: z.output<S>) => Promise<WriteResult<T>>,
  after: AfterChange<T, X>,
  options: FormOptions = {},
): Promise<ActionReply<X>> {
  const form = await readForm(role, formData, schema, options);
  if (!form.ok) return form.state;
  const result = await change(form.principal, form.data);
  if (!result.ok) return refused(result.message, form.values, result.field);
  return finish(result.value, after);
}

/**
 * A button's action on records named by bound arguments (delete, cancel, re-run, revoke): role,
 * arguments, the change (which writes its own audit row), then what follows it (`after`, or just the
 * pages to refresh).
 */
export async function idAction<T, X extends object = object>(
  role: Role,
  ids: readonly unknown[],
  change: (principal: SignedIn) => Promise<WriteResult<T>>,
  after: AfterChange<T, X> | AfterChange<T>["refresh"],
): Promise<ActionReply<X>> {
  const principal = await requireRole(role);
  if (!boundAreValid(ids)) return refused(INVALID_REQUEST, {});
  const result = await change(principal);
  if (!result.ok) return refused(result.message, {});
  const afterChange = typeof after === "function" || Array.isArray(after) ? { refresh: after } : after;
  return finish(result.value, afterChange as AfterChange<T, X>);
}

/**
 * A button's action on a saved comparison named by its slug: as idAction, the slug checked like any
 * input (an object or an array must never reach a query).
 */
export async function slugAction<T>(
  role: Role,
  slug: unknown,
  change: (principal: SignedIn, slug: string) => Promise<WriteResult<T>>,
  after: AfterChange<T>,
): Promise<ActionReply> {
  const principal = await requireRole(role);
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return refused("This saved comparison does not exist", {});
  const result = await change(principal, parsed.data);
  if (!result.ok) return refused(result.message, {});
  return finish(result.value, after);
}
