import { NextResponse } from "next/server";
import { healthSummary } from "@/lib/db/health";

/**
 * GET /api/health: for load balancers and monitors, no sign-in needed → { status: ok | degraded | down,
 * database: { kind, reachable, latencyMs, reason, since }, migrations: { applied, expected, current },
 * workers: { live, servingAll, byTestbed: [{ testbedId, live }] }, queue: { depth, running,
 * oldestQueuedAt, oldestQueuedAgeSeconds } }; 200 unless the database is unreachable (503). It reads
 * counts only: no secret, no name, nothing written.
 */
export async function GET() {
  const health = await healthSummary();
  return NextResponse.json(health, {
    status: health.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
}
