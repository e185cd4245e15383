import { NextResponse } from "next/server";
import { z } from "zod";
import { parseId } from "@/lib/db/ids";

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

/** The numeric id of a route, or the 404 response to send. */
export async function routeId(
  params: Promise<{ id: string }>,
  what: string,
): Promise<{ ok: true; id: number } | { ok: false; response: NextResponse }> {
  const raw = (await params).id;
  const id = parseId(raw);
  return id ? { ok: true, id } : { ok: false, response: apiError(404, `${what} "${raw}" not found`) };
}
