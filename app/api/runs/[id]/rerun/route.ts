import { NextResponse } from "next/server";
import { rerunRunAs } from "@/lib/operations/runs";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";

/** POST /api/runs/:id/rerun: queue a failed, cancelled or interrupted run again. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "operator", "Run");
  if (!route.ok) return route.response;
  const result = await rerunRunAs(route.principal, route.id);
  if (!result.ok) return apiError(result.code === "not_found" ? 404 : 409, result.message);
  return NextResponse.json(result.value);
}
