import { NextResponse } from "next/server";
import { searchEntities } from "@/lib/db/search";
import { searchQuerySchema } from "@/lib/schemas/search";
import { openRoute } from "@/lib/http/api-responses";

/** GET /api/search?kind=campaign|testbed|link|profile&q=: up to 20 matches by name, for pickers. */
export async function GET(request: Request) {
  const opened = await openRoute(request, "viewer", searchQuerySchema);
  if (!opened.ok) return opened.response;
  return NextResponse.json({ items: await searchEntities(opened.data) }, { headers: { "cache-control": "no-store" } });
}
