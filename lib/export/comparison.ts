import "server-only";
import { iterateSelectionRuns } from "@/lib/db/export-runs";
import { METRICS, type CompareParams } from "@/lib/schemas/compare";
import { comparisonSvg } from "@/lib/export/svg-chart";
import { exportStreamResponse, RUN_COLUMNS, runsToRows } from "@/lib/export/runs";
import type { LoadedComparison } from "@/lib/operations/comparison-load";

/** The runs of a comparison (both sides, with a side column) as CSV or JSON, streamed. */
export function comparisonExport(loaded: LoadedComparison, format: string | null, filename: string): Response {
  async function* rows() {
    for (const [name, side] of [
      ["baseline", loaded.baseline],
      ["candidate", loaded.candidate],
    ] as const) {
      for await (const page of iterateSelectionRuns(side.selection))
        yield runsToRows(page).map((r) => ({ side: name, ...r }));
    }
  }
  return exportStreamResponse(rows(), ["side", ...RUN_COLUMNS], format, filename);
}

/** The comparison chart as an SVG image. */
export function comparisonImage(loaded: LoadedComparison, params: CompareParams, title: string): Response {
  const svg = comparisonSvg({
    title,
    groups: loaded.groups,
    unit: METRICS[params.metric].unit,
    baselineName: loaded.baselineName,
    candidateName: loaded.candidateName,
  });
  return new Response(svg, { headers: { "content-type": "image/svg+xml; charset=utf-8" } });
}
