import "server-only";
import type { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { compareParamsSchema, type CompareParams } from "@/lib/schemas/compare";
import { loadComparison, type LoadedComparison } from "@/lib/operations/comparison-load";
import { apiError, validationError } from "./api-responses";

/**
 * How every route that answers with a comparison opens (GET /api/compare, /compare/export,
 * /compare/image.svg): the caller's role checked (401/403), the query parsed with the comparison's
 * schema (400 with the fields), the comparison loaded (400 without both sides). Returns the
 * comparison, its parameters and the whole query, or the response to send.
 */
export async function openComparisonRoute(
  request: Request,
): Promise<
  | { ok: true; loaded: LoadedComparison; params: CompareParams; search: Record<string, string> }
  | { ok: false; response: NextResponse | Response }
> {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed;
  const search = Object.fromEntries(new URL(request.url).searchParams.entries());
  const parsed = compareParamsSchema.safeParse(search);
  if (!parsed.success) return { ok: false, response: validationError(parsed.error) };
  const loaded = await loadComparison(parsed.data);
  if (!loaded) return { ok: false, response: apiError(400, "Choose a baseline (b) and a candidate (c)") };
  return { ok: true, loaded, params: parsed.data, search };
}
