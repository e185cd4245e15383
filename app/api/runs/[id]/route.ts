import { authorizeApi } from "@/lib/auth/api-guard";
import { NextResponse } from "next/server";
import { getRun } from "@/lib/db/runs";
import { apiError, routeId } from "../../_lib/http";

/** GET /api/runs/:id: every metric of a run, its link, profile, campaign and progress samples. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const id = await routeId(params, "Run");
  if (!id.ok) return id.response;
  const run = await getRun({ id: id.id });
  if (!run) return apiError(404, `Run #${id.id} not found`);
  const { rawStatsJson, perVmJson, ...rest } = run;
  return NextResponse.json({
    run: {
      ...rest,
      rawStats: rawStatsJson ? JSON.parse(rawStatsJson) : null,
      perVm: perVmJson ? JSON.parse(perVmJson) : null,
    },
  });
}
