import { NextResponse } from "next/server";
import { listSeries } from "@/lib/db/series";
import { seriesListQuerySchema } from "@/lib/schemas/series";
import { openRoute } from "@/lib/http/api-responses";

/**
 * GET /api/series?testbed=: every series (VM profile × link) with succeeded runs, most recently run
 * first (at most 500), with its baseline and the verdict of its newest evaluated campaign → { items }.
 */
export async function GET(request: Request) {
  const opened = await openRoute(request, "viewer", seriesListQuerySchema);
  if (!opened.ok) return opened.response;
  return NextResponse.json({ items: await listSeries({ testbedId: opened.data.testbed }) });
}
