import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { getTestbed } from "@/lib/db/testbeds";
import { getAdapter } from "@/lib/hypervisors/registry";
import { apiError, routeId } from "../../_lib/http";

/** GET /api/testbeds/:id: one testbed with its links, and whether this build can run migrations on it. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Testbed");
  if (!id.ok) return id.response;
  const testbed = await getTestbed({ id: id.id });
  if (!testbed) return apiError(404, `Testbed #${id.id} not found`);
  return NextResponse.json({ testbed, adapterAvailable: getAdapter(testbed.hypervisor) !== null });
}
