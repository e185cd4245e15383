import { NextResponse } from "next/server";
import { z } from "zod";
import { parseId } from "@/lib/schemas/ids";
import type { WriteResult } from "@/lib/db/errors";
import { authorizeApi } from "@/lib/auth/api-guard";
import type { Role } from "@/lib/auth/roles";
import type { Principal } from "@/lib/auth/principal";

/** JSON error body shared by every API route: { error: { message, fieldErrors? } }. */
export function apiError(status: number, message: string, fieldErrors?: Record<string, string[] | undefined>) {
  return NextResponse.json({ error: { message, ...(fieldErrors ? { fieldErrors } : {}) } }, { status });
}

export function validationError(error: z.ZodError) {
  return apiError(400, "Some fields need attention", z.flattenError(error).fieldErrors as Record<string, string[]>);
}

/** Reads a JSON object body, or returns the 400 response to send. */
export async function readJson(
  request: Request,
): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; response: NextResponse }> {
  try {
    const body = await request.json();
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return { ok: false, response: apiError(400, "The request body must be a JSON object") };
    }
    return { ok: true, body };
  } catch {
    return { ok: false, response: apiError(400, "The request body is not valid JSON") };
  }
}

/**
 * How a route that reads input opens: the caller's role checked (401/403, before anything is read),
 * then the query string — or, with `from: "json"`, the JSON body — parsed with the route's schema
 * (400 with the fields). Returns the parsed input and who is calling, or the response to send.
 */
export async function openRoute<S extends z.ZodType>(
  request: Request,
  role: Role,
  schema: S,
  { from = "query" }: { from?: "query" | "json" } = {},
): Promise<{ ok: true; data: z.output<S>; principal: Principal } | { ok: false; response: NextResponse }> {
  const allowed = await authorizeApi(request, role);
  if (!allowed.ok) return allowed;
  let input: unknown;
  if (from === "json") {
    const body = await readJson(request);
    if (!body.ok) return body;
    input = body.body;
  } else input = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, response: validationError(parsed.error) };
  return { ok: true, data: parsed.data, principal: allowed.principal };
}

/** The numeric id of a route, or the 404 response to send. */
export async function routeId(
  params: Promise<{ id: string }>,
  what: string,
): Promise<{ ok: true; id: number } | { ok: false; response: NextResponse }> {
  const raw = (await params).id;
  const id = parseId(raw);
  return id ? { ok: true, id } : { ok: false, response: apiError(404, `${what} "${raw}" not found`) };
}

/**
 * How every /api/<things>/:id route opens: the caller's role checked (401/403), then the id read
 * (404 for anything that is not one). Returns the id and who is calling, or the response to send.
 */
export async function authorizeIdRoute(
  request: Request,
  params: Promise<{ id: string }>,
  role: Role,
  what: string,
): Promise<{ ok: true; id: number; principal: Principal } | { ok: false; response: NextResponse }> {
  const allowed = await authorizeApi(request, role);
  if (!allowed.ok) return allowed;
  const id = await routeId(params, what);
  if (!id.ok) return id;
  return { ok: true, id: id.id, principal: allowed.principal };
}

type IdRouteContext = { params: Promise<{ id: string }> };

/**
 * A POST /api/<things>/:id/<verb> route that runs one operation as the caller: role and id checked as
 * in authorizeIdRoute, then the operation's value as JSON, 404 when the record is gone and 409 when its
 * state forbids the change.
 */
export function idOperationRoute<T>(
  role: Role,
  what: string,
  operate: (principal: Principal, id: number) => Promise<WriteResult<T>>,
) {
  return async function POST(request: Request, { params }: IdRouteContext) {
    const route = await authorizeIdRoute(request, params, role, what);
    if (!route.ok) return route.response;
    const result = await operate(route.principal, route.id);
    if (!result.ok) return apiError(result.code === "not_found" ? 404 : 409, result.message);
    return NextResponse.json(result.value);
  };
}
