import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { listTestbeds } from "@/lib/db/testbeds";

/** GET /api/testbeds: every testbed with its link and campaign counts. */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const testbeds = await listTestbeds();
  return NextResponse.json({ testbeds });
}
