import { NextResponse } from "next/server";
import { getTestbed } from "@/lib/db/testbeds";
import { getAdapter } from "@/lib/hypervisors/registry";
import { testbedReadiness } from "@/lib/hypervisors/testbed";
import { testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { pathLabels } from "@/lib/hypervisors/link-paths";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";
import { readinessFor, seesConnectionSettings } from "@/lib/auth/visibility";

/**
 * GET /api/testbeds/:id: one testbed with its links, whether this build can run migrations on it, and its
 * readiness { ready, problems } judged from its stored settings (nothing is contacted), and the downtime limit
 * its runs migrate under unless a variant sets one (null: the hypervisor's own). The connection settings
 * (connectionJson: references, never resolved values) and each link's path settings (pathJson: addresses, vmknics
 * and interfaces, lib/schemas/link-path.ts) only for operators and up; for everyone each link's pathKey ("path 1",
 * "path 2", … or null for a path of its own), equal for links that would migrate over the same network path.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "viewer", "Testbed");
  if (!route.ok) return route.response;
  const testbed = await getTestbed({ id: route.id });
  if (!testbed) return apiError(404, `Testbed #${route.id} not found`);
  const role = route.principal.role;
  const { connectionJson, ...rest } = testbed;
  // Every link with an opaque key shared by links that migrate over one path (null: its own path).
  const labels = pathLabels(testbed.hypervisor, connectionJson, rest.links);
  const links = rest.links.map((link) => ({ ...link, pathKey: labels.get(link.id) ?? null }));
  const visible = seesConnectionSettings(role)
    ? { ...rest, links, connectionJson }
    : { ...rest, links: links.map(({ pathJson: _path, ...link }) => link) };
  return NextResponse.json({
    testbed: visible,
    adapterAvailable: getAdapter(testbed.hypervisor) !== null,
    readiness: readinessFor(testbedReadiness({ ...testbed, linkCount: testbed.links.length }), role),
    downtimeLimitMs: testbedDowntimeLimitMs(testbed.hypervisor, testbed.connectionJson),
  });
}
