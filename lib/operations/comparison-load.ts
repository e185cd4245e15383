import "server-only";
import { cache } from "react";
import { getComparison } from "@/lib/db/comparisons";
import { compareParamsSchema, queryToRecord, slugSchema, type CompareParams } from "@/lib/schemas/compare";
import { aggregateSelection, describeSelection, medianOfCells, selectionsOf, type Selection } from "@/lib/db/compare";
import { buildComparisonFromCells, cellsByGroup, type CompareCell, type CompareGroup } from "@/lib/stats/compare-view";

export type ComparisonSide = {
  selection: Selection;
  cells: CompareCell[];
  /** Succeeded runs on this side. */ runCount: number;
};

export type LoadedComparison = {
  baseline: ComparisonSide;
  candidate: ComparisonSide;
  baselineName: string;
  candidateName: string;
  /** Per display group: both sides' statistics and the verdict. */
  groups: CompareGroup[];
};

/** How a comparison's URL groups its runs. */
export const groupByOf = (params: CompareParams) => ({
  grouping: params.group,
  pool: params.pool,
  acrossVariants: params.bv !== undefined && params.cv !== undefined,
});

async function side(
  selection: Selection,
  params: CompareParams,
): Promise<{ side: ComparisonSide; medians: Map<string, number> }> {
  const cells = await aggregateSelection(selection, params.metric);
  const medians = new Map<string, number>();
  for (const [key, group] of cellsByGroup(cells, groupByOf(params))) {
    const n = group.reduce((a, c) => a + (c.moments?.n ?? 0), 0);
    const median = await medianOfCells(selection, params.metric, group, n);
    if (median !== null) medians.set(key, median);
  }
  return { side: { selection, cells, runCount: cells.reduce((a, c) => a + c.runs, 0) }, medians };
}

/**
 * Both sides of a comparison, aggregated by the database (never every run in memory); for a saved
 * comparison only the frozen run ids count, so runs added later never change it.
 */
export async function loadComparison(params: CompareParams, frozenRunIds?: number[]): Promise<LoadedComparison | null> {
  const { baseline, candidate } = selectionsOf(params, frozenRunIds);
  if (!baseline || !candidate) return null;
  const [b, c, baselineName, candidateName] = await Promise.all([
    side(baseline, params),
    side(candidate, params),
    describeSelection(baseline),
    describeSelection(candidate),
  ]);
  const groups = buildComparisonFromCells(
    b.side.cells,
    c.side.cells,
    { baseline: b.medians, candidate: c.medians },
    { metric: params.metric, ...groupByOf(params), baselineName, candidateName },
  );
  return { baseline: b.side, candidate: c.side, baselineName, candidateName, groups };
}

/**
 * A saved comparison by its slug, parsed and loaded from its frozen runs; null when the slug is malformed or
 * unknown. Once per request: the page, its metadata and its preview image share one aggregation.
 */
export const loadSavedComparison = cache(async (slugText: string) => {
  const slug = slugSchema.safeParse(slugText);
  const saved = slug.success ? await getComparison({ slug: slug.data }) : null;
  if (!saved) return null;
  const parsed = compareParamsSchema.safeParse(queryToRecord(saved.query));
  const loaded = parsed.success ? await loadComparison(parsed.data, saved.runIds) : null;
  return parsed.success && loaded ? { slug: slug.data!, saved, params: parsed.data, loaded } : null;
});
