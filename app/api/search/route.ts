import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { searchEntities } from "@/lib/db/search";
import { searchQuerySchema } from "@/lib/schemas/search";
import { validationError } from "@/lib/http/api-responses";

/** GET /api/search?kind=campaign|testbed|link|profile&q=: up to 20 matches by name, for pickers. */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const parsed = searchQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return validationError(parsed.error);
  return NextResponse.json({ items: await searchEntities(parsed.data) }, { headers: { "cache-control": "no-store" } });
}
