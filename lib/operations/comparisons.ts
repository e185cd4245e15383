import "server-only";
import { audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import { listSelectionRunIds, selectionsOf } from "@/lib/db/compare";
import { createComparison, deleteComparison } from "@/lib/db/comparisons";
import type { WriteResult } from "@/lib/db/errors";
import { compareParamsSchema, compareQuery, queryToRecord } from "@/lib/schemas/compare";

/* Saved comparisons, each change with its audit row. The caller has checked the principal is an operator. */

/**
 * Saves a comparison under a short link, with the ids of every run it shows frozen: runs added later
 * never change it. Refused (at the title) without both sides or without runs.
 */
export async function saveComparisonAs(
  principal: Principal,
  { title, query }: { title: string; query: string },
): Promise<WriteResult<{ slug: string }>> {
  const params = compareParamsSchema.safeParse(queryToRecord(query));
  if (!params.success || !params.data.b || !params.data.c)
    return { ok: false, message: "Choose a baseline and a candidate first", field: "title" };
  const runIds: number[] = [];
  const { baseline, candidate } = selectionsOf(params.data);
  for (const selection of [baseline!, candidate!]) {
    for (
      let page = await listSelectionRunIds(selection);
      page.length;
      page = await listSelectionRunIds(selection, { after: page[page.length - 1] })
    )
      runIds.push(...page);
  }
  if (!runIds.length) return { ok: false, message: "There are no runs to save in this comparison", field: "title" };
  return audited(principal, await createComparison({ title, query: compareQuery(params.data), runIds }), (value) => ({
    action: "comparison.save",
    targetType: "comparison",
    targetId: value.slug,
    summary: `Saved comparison “${title}” with ${runIds.length} runs`,
  }));
}

export async function deleteComparisonAs(principal: Principal, slug: string) {
  return audited(principal, await deleteComparison({ slug }), (value) => ({
    action: "comparison.delete",
    targetType: "comparison",
    targetId: slug,
    summary: `Deleted saved comparison “${value.title}”`,
  }));
}
