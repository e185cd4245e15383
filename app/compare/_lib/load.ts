import "server-only";
import { describeSelection, listRunsForSelection, type SelectedRun } from "@/lib/db/compare";
import type { CompareParams } from "@/lib/schemas/compare";

export type LoadedComparison = {
  baselineRuns: SelectedRun[];
  candidateRuns: SelectedRun[];
  baselineName: string;
  candidateName: string;
};

/**
 * The runs of both sides, live from the selection; for a saved comparison only those among the
 * frozen run ids, so runs added later never change it.
 */
export async function loadComparison(params: CompareParams, frozenRunIds?: number[]): Promise<LoadedComparison | null> {
  if (!params.b || !params.c) return null;
  const filters = { workload: params.workload, profileId: params.profile };
  let [baselineRuns, candidateRuns] = await Promise.all([
    listRunsForSelection({ terms: params.b, ...filters }),
    listRunsForSelection({ terms: params.c, ...filters }),
  ]);
  if (frozenRunIds) {
    const frozen = new Set(frozenRunIds);
    baselineRuns = baselineRuns.filter((r) => frozen.has(r.id));
    candidateRuns = candidateRuns.filter((r) => frozen.has(r.id));
  }
  const [baselineName, candidateName] = await Promise.all([describeSelection({ terms: params.b }), describeSelection({ terms: params.c })]);
  return { baselineRuns, candidateRuns, baselineName, candidateName };
}

/** Parses a stored or typed query string into URLSearchParams-like record for the schema. */
export function queryToRecord(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query).entries());
}
