import { NextResponse } from "next/server";
import { getRun } from "@/lib/db/runs";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";
import { rawStatsFor } from "@/lib/auth/visibility";

/** GET /api/runs/:id: every metric of a run, its link, profile, campaign and progress samples. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "viewer", "Run");
  if (!route.ok) return route.response;
  const run = await getRun({ id: route.id });
  if (!run) return apiError(404, `Run #${route.id} not found`);
  // Where the link's path runs (interfaces, vmknics) is for operators, as connection settings are.
  return NextResponse.json({ run: { ...run, rawStats: rawStatsFor(run.rawStats, route.principal.role) } });
}
