import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { listSchedules } from "@/lib/db/schedules";

/**
 * GET /api/schedules: every schedule → { items: [{ id, name, cron, paused, nextRunAt, lastRunAt,
 * lastOutcome, lastCampaign, testbed, linkIds, profileIds, iterations, timeScale }] }.
 */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  return NextResponse.json({ items: await listSchedules() });
}
