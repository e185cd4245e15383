import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { listSeries } from "@/lib/db/series";
import { seriesListQuerySchema } from "@/lib/schemas/series";
import { validationError } from "@/lib/http/api-responses";

/**
 * GET /api/series?testbed=: every series (VM profile × link) with succeeded runs, most recently run
 * first (at most 500), with its baseline and the verdict of its newest evaluated campaign → { items }.
 */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const query = seriesListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return validationError(query.error);
  return NextResponse.json({ items: await listSeries({ testbedId: query.data.testbed }) });
}
