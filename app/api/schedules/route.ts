import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { listSchedules } from "@/lib/db/schedules";
import { seesPeople } from "@/lib/auth/visibility";

/**
 * GET /api/schedules: every schedule → { items: [{ id, name, cron, paused, nextRunAt, lastRunAt,
 * lastOutcome, lastCampaign, testbed, linkIds, profileIds, iterations, timeScale }] }; who created each
 * (createdBy, an email) only for operators and up.
 */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const items = await listSchedules();
  if (seesPeople(allowed.principal.role)) return NextResponse.json({ items });
  return NextResponse.json({ items: items.map(({ createdBy: _createdBy, ...item }) => item) });
}
