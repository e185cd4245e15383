import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { rerunRunAs } from "@/lib/operations/runs";
import { apiError, routeId } from "../../../_lib/http";

/** POST /api/runs/:id/rerun: queue a failed, cancelled or interrupted run again. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "operator");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Run");
  if (!id.ok) return id.response;
  const result = await rerunRunAs(allowed.principal, id.id);
  if (!result.ok) return apiError(result.code === "not_found" ? 404 : 409, result.message);
  return NextResponse.json(result.value);
}
