import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { getTestbed } from "@/lib/db/testbeds";
import { getAdapter } from "@/lib/hypervisors/registry";
import { adapterTestbedOf } from "@/lib/hypervisors/testbed";
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
  const testbed = await getTestbed({ id: id.id });
  if (!testbed) return apiError(404, `Testbed #${id.id} not found`);
  const adapter = getAdapter(testbed.hypervisor);
  if (!adapter) return apiError(409, `This build has no ${testbed.hypervisor} adapter`);
  return NextResponse.json({ check: await adapter.check(adapterTestbedOf(testbed)) });
}
