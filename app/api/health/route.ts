import { NextResponse } from "next/server";
import { cachedHealthSummary } from "@/lib/http/health";

/**
 * GET /api/health: for load balancers and monitors, no sign-in needed → { status: ok | degraded | down,
 * database: { kind, reachable, latencyMs, since }, migrations: { applied, expected, current },
 * workers: { live, servingAll, byTestbed: [{ testbedId, live }] }, queue: { depth, running,
 * oldestQueuedAt, oldestQueuedAgeSeconds } }; 200 unless the database is unreachable (503). It reads
 * counts only — no secret, no name, not the driver's error — at most one summary every 2 s (cached),
 * and writes nothing.
 */
export async function GET() {
  const health = await cachedHealthSummary();
  return NextResponse.json(health, {
    status: health.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
}
