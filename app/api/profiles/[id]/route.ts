import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { getProfile } from "@/lib/db/profiles";
import { apiError, routeId } from "../../_lib/http";

/** GET /api/profiles/:id: one VM profile. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "VM profile");
  if (!id.ok) return id.response;
  const profile = await getProfile({ id: id.id });
  if (!profile) return apiError(404, `VM profile #${id.id} not found`);
  return NextResponse.json({ profile });
}
