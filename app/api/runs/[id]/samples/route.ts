import { authorizeApi } from "@/lib/auth/api-guard";
import { getRun } from "@/lib/db/runs";
import { exportResponse } from "@/lib/export/runs";
import { apiError, routeId } from "../../../_lib/http";

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
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Run");
  if (!id.ok) return id.response;
  const run = await getRun({ id: id.id });
  if (!run) return apiError(404, `Run #${id.id} not found`);
  return exportResponse(
    run.samples,
    SAMPLE_COLUMNS,
    new URL(request.url).searchParams.get("format"),
    `migbench-run-${id.id}-samples`,
  );
}
