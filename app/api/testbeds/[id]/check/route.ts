import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { checkTestbed } from "@/lib/operations/testbeds";
import { apiError, routeId } from "../../../_lib/http";

/**
 * POST /api/testbeds/:id/check: the adapter's check — it reaches the hypervisor and resolves the
 * secret references, which is why it is a POST for operators and never part of a GET.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "operator");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Testbed");
  if (!id.ok) return id.response;
  const result = await checkTestbed(id.id);
  if (!result) return apiError(404, `Testbed #${id.id} not found`);
  if (!result.check) return apiError(409, `This build has no ${result.hypervisor} adapter`);
  return NextResponse.json({ check: result.check });
}
