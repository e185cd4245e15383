import { NextResponse } from "next/server";
import { getProfile } from "@/lib/db/profiles";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";

/** GET /api/profiles/:id: one VM profile. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "viewer", "VM profile");
  if (!route.ok) return route.response;
  const profile = await getProfile({ id: route.id });
  if (!profile) return apiError(404, `VM profile #${route.id} not found`);
  return NextResponse.json({ profile });
}
