import { NextResponse } from "next/server";
import { cancelRun } from "@/lib/db/run-control";
import { apiError, routeId } from "../../../_lib/http";

/** POST /api/runs/:id/cancel: cancel a queued run, or ask a running one to stop. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = await routeId(params, "Run");
  if (!id.ok) return id.response;
  const result = await cancelRun({ id: id.id });
  if (!result.ok) return apiError(result.code === "not_found" ? 404 : 409, result.message);
  return NextResponse.json(result.value);
}
