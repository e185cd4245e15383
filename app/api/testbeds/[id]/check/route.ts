import { NextResponse } from "next/server";
import { checkTestbedAs } from "@/lib/operations/testbeds";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";

/**
 * POST /api/testbeds/:id/check: the adapter's check — it reaches the hypervisor and resolves the
 * secret references, which is why it is a POST for operators and never part of a GET. Audited.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "operator", "Testbed");
  if (!route.ok) return route.response;
  const result = await checkTestbedAs(route.principal, route.id);
  if (!result.ok) return apiError(404, `Testbed #${route.id} not found`);
  const { hypervisor, check } = result.value;
  if (!check) return apiError(409, `This build has no ${hypervisor} adapter`);
  return NextResponse.json({ check });
}
