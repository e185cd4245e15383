import { NextResponse } from "next/server";
import { openRoute, apiError } from "@/lib/http/api-responses";
import { whatIfQuerySchema } from "@/lib/schemas/what-if";
import { askWhatIf } from "@/lib/operations/what-if";

/**
 * GET /api/what-if?testbed=&link=&gbps=&profile=&memoryGiB=&workload=&dirtyMBps=&vms=&strategy=&multifd=
 * &downtimeMs=&evacuate=&concurrent= (lib/schemas/what-if.ts): the planner's answer as JSON — { asked (the
 * question with its defaults), answer: { converges, lambda, durationMs, transferredBytes, downtimeMs (each
 * { value, interval: { low, high } | null }), downtimeOverLimit, calibration, firstConvergingLink, bySpeed,
 * strategies, suggestedStrategy, evacuation }, url (the page), launchUrl (the launch form, filled in) }.
 * Any signed-in role; it only reads: nothing is written and no hypervisor is contacted.
 */
export async function GET(request: Request) {
  const opened = await openRoute(request, "viewer", whatIfQuerySchema);
  if (!opened.ok) return opened.response;
  const reply = await askWhatIf(opened.data);
  if ("missing" in reply) return apiError(404, reply.missing);
  return NextResponse.json(reply);
}
