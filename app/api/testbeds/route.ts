import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { listTestbeds } from "@/lib/db/testbeds";
import { readinessFor } from "@/lib/auth/visibility";

/** GET /api/testbeds: every testbed with its link and campaign counts. */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const role = allowed.principal.role;
  const testbeds = (await listTestbeds()).map((t) => ({ ...t, readiness: readinessFor(t.readiness, role) }));
  return NextResponse.json({ testbeds });
}
