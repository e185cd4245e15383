import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { listProfiles } from "@/lib/db/profiles";

/** GET /api/profiles: every VM profile. */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  return NextResponse.json({ profiles: await listProfiles() });
}
