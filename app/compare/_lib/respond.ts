import "server-only";
import { buildComparison } from "@/lib/stats/compare-view";
import { METRICS, type CompareParams } from "@/lib/schemas/compare";
import { comparisonSvg } from "@/lib/export/svg-chart";
import { exportResponse, RUN_COLUMNS, runsToRows } from "@/lib/export/runs";
import type { LoadedComparison } from "./load";

/** The runs of a comparison (both sides, with a side column) as CSV or JSON. */
export function comparisonExport(loaded: LoadedComparison, format: string | null, filename: string): Response {
  const rows = [
    ...runsToRows(loaded.baselineRuns).map((r) => ({ side: "baseline", ...r })),
    ...runsToRows(loaded.candidateRuns).map((r) => ({ side: "candidate", ...r })),
  ];
  return exportResponse(rows, ["side", ...RUN_COLUMNS], format, filename);
}

/** The comparison chart as an SVG image. */
export function comparisonImage(loaded: LoadedComparison, params: CompareParams, title: string): Response {
  const groups = buildComparison(loaded.baselineRuns, loaded.candidateRuns, { metric: params.metric, grouping: params.group, baselineName: loaded.baselineName, candidateName: loaded.candidateName });
  const svg = comparisonSvg({ title, groups, unit: METRICS[params.metric].unit, baselineName: loaded.baselineName, candidateName: loaded.candidateName });
  return new Response(svg, { headers: { "content-type": "image/svg+xml; charset=utf-8" } });
}
