import { getRun } from "@/lib/db/runs";
import { exportResponse } from "@/lib/export/runs";
import { apiError, authorizeIdRoute } from "@/lib/http/api-responses";

const SAMPLE_COLUMNS = [
  "tMs",
  "transferredBytes",
  "remainingBytes",
  "throughputGbps",
  "dirtyRateBytesPerSec",
  "round",
] as const;

/** GET /api/runs/:id/samples?format=csv|json: a run's progress samples. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const route = await authorizeIdRoute(request, params, "viewer", "Run");
  if (!route.ok) return route.response;
  const run = await getRun({ id: route.id });
  if (!run) return apiError(404, `Run #${route.id} not found`);
  return exportResponse(
    run.samples,
    SAMPLE_COLUMNS,
    new URL(request.url).searchParams.get("format"),
    `migbench-run-${route.id}-samples`,
  );
}
