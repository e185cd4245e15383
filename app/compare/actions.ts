"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createComparison, deleteComparison } from "@/lib/db/comparisons";
import { markComparisonBaselineAs } from "@/lib/operations/series";
import { compareParamsSchema, compareQuery, saveComparisonSchema, slugSchema } from "@/lib/schemas/compare";
import { INVALID_REQUEST, refused, type ActionState } from "@/lib/schemas/action-state";
import { requireRole } from "@/lib/auth/guard";
import { audit } from "@/lib/auth/audit";
import { queryToRecord } from "@/lib/db/comparison-load";
import { listSelectionRunIds, selectionsOf } from "@/lib/db/compare";

export async function saveComparisonAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const principal = await requireRole("operator");
  if (!(formData instanceof FormData)) return refused(INVALID_REQUEST, {});
  const values = { title: formData.get("title"), query: formData.get("query") };
  const parsed = saveComparisonSchema.safeParse(values);
  if (!parsed.success)
    return refused(z.flattenError(parsed.error).fieldErrors.title?.[0] ?? "Nothing to save", values, "title");
  const params = compareParamsSchema.safeParse(queryToRecord(parsed.data.query));
  if (!params.success || !params.data.b || !params.data.c)
    return refused("Choose a baseline and a candidate first", values);
  // The ids of every run the comparison shows, frozen: runs added later never change it.
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
  if (!runIds.length) return refused("There are no runs to save in this comparison", values);
  const result = await createComparison({ title: parsed.data.title, query: compareQuery(params.data), runIds });
  if (!result.ok) return refused(result.message, values);
  await audit(principal, {
    action: "comparison.save",
    targetType: "comparison",
    targetId: result.value.slug,
    summary: `Saved comparison “${parsed.data.title}” with ${runIds.length} runs`,
  });
  revalidatePath("/compare");
  redirect(`/c/${result.value.slug}`);
}

export async function deleteComparisonAction(slug: string, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("operator");
  // A slug is checked like any input: an object or an array must never reach the query.
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return refused("This saved comparison does not exist", {});
  const result = await deleteComparison({ slug: parsed.data });
  if (!result.ok) return refused(result.message, {});
  await audit(principal, {
    action: "comparison.delete",
    targetType: "comparison",
    targetId: parsed.data,
    summary: `Deleted saved comparison “${result.value.title}”`,
  });
  revalidatePath("/compare");
  return { ok: true };
}

export async function markComparisonBaselineAction(slug: string, _prev: ActionState): Promise<ActionState> {
  const principal = await requireRole("operator");
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return refused("This saved comparison does not exist", {});
  const result = await markComparisonBaselineAs(principal, parsed.data);
  if (!result.ok) return refused(result.message, {});
  revalidatePath(`/c/${parsed.data}`);
  revalidatePath("/series");
  return { ok: true, message: `Baseline of ${result.value.series} series (${result.value.runs} runs)` };
}
