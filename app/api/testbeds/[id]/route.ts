import { NextResponse } from "next/server";
import { getTestbed } from "@/lib/db/testbeds";
import { getAdapter } from "@/lib/hypervisors/registry";
import { testbedReadiness } from "@/lib/hypervisors/testbed";
import { testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";

/**
 * GET /api/testbeds/:id: one testbed with its links, whether this build can run migrations on it, and its
 * readiness { ready, problems } judged from its stored settings (nothing is contacted), and the downtime limit
 * its runs migrate under unless a variant sets one (null: the hypervisor's own).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "viewer", "Testbed");
  if (!route.ok) return route.response;
  const testbed = await getTestbed({ id: route.id });
  if (!testbed) return apiError(404, `Testbed #${route.id} not found`);
  return NextResponse.json({
    testbed,
    adapterAvailable: getAdapter(testbed.hypervisor) !== null,
    readiness: testbedReadiness({ ...testbed, linkCount: testbed.links.length }),
    downtimeLimitMs: testbedDowntimeLimitMs(testbed.hypervisor, testbed.connectionJson),
  });
}
