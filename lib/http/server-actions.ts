import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireRole, type SignedIn } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import type { WriteResult } from "@/lib/db/errors";
import { boundIdSchema, formDataToObject } from "@/lib/schemas/fields";
import { INVALID_REQUEST, invalidInput, refused, type ActionState } from "@/lib/schemas/action-state";

/*
 * The two openings of migbench's server actions, written once: the caller's role checked first (401/403
 * before anything else runs), the ids an action was bound to checked as ids, and a form's values read
 * through its schema — with the refusal to show when any of that fails.
 */

function idsAreValid(ids: readonly unknown[]): boolean {
  return ids.every((id) => boundIdSchema.safeParse(id).success);
}

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
  { ids = [], extra = {} }: { ids?: readonly unknown[]; extra?: Record<string, unknown> } = {},
): Promise<ReadForm<z.output<S>>> {
  const principal = await requireRole(role);
  const values = formDataToObject(formData);
  if (!values) return { ok: false, state: refused(INVALID_REQUEST, {}) };
  if (!idsAreValid(ids)) return { ok: false, state: refused(INVALID_REQUEST, values) };
  const parsed = schema.safeParse({ ...values, ...extra });
  if (!parsed.success) return { ok: false, state: invalidInput(parsed.error, values) };
  return { ok: true, principal, values, data: parsed.data };
}

/**
 * A button's action on records named by ids (delete, cancel, re-run, revoke): role, ids, the change
 * (which writes its own audit row), then the pages that show the records refreshed.
 */
export async function idAction<T>(
  role: Role,
  ids: readonly unknown[],
  change: (principal: SignedIn) => Promise<WriteResult<T>>,
  /** The pages to refresh; a function when they are built from the ids, so it runs only on valid ones. */
  pathsToRefresh: readonly string[] | (() => readonly string[]),
): Promise<ActionState> {
  const principal = await requireRole(role);
  if (!idsAreValid(ids)) return refused(INVALID_REQUEST, {});
  const result = await change(principal);
  if (!result.ok) return refused(result.message, {});
  for (const path of typeof pathsToRefresh === "function" ? pathsToRefresh() : pathsToRefresh) revalidatePath(path);
  return { ok: true };
}
