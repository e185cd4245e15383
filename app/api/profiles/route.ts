import { NextResponse } from "next/server";
import { listProfiles } from "@/lib/db/profiles";

/** GET /api/profiles: every VM profile. */
export async function GET() {
  return NextResponse.json({ profiles: await listProfiles() });
}
