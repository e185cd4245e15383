import { NextResponse } from "next/server";
import { rerunRun } from "@/lib/db/run-control";
import { apiError, routeId } from "../../../_lib/http";

/** POST /api/runs/:id/rerun: queue a failed, cancelled or interrupted run again. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = await routeId(params, "Run");
  if (!id.ok) return id.response;
  const result = await rerunRun({ id: id.id });
  if (!result.ok) return apiError(result.code === "not_found" ? 404 : 409, result.message);
  return NextResponse.json(result.value);
}
