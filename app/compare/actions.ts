"use server";

import { markComparisonBaselineAs } from "@/lib/operations/series";
import { deleteComparisonAs, saveComparisonAs } from "@/lib/operations/comparisons";
import { saveComparisonSchema } from "@/lib/schemas/compare";
import type { ActionState } from "@/lib/schemas/action-state";
import { formAction, slugAction } from "@/lib/http/server-actions";

export async function saveComparisonAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction("operator", formData, saveComparisonSchema, saveComparisonAs, {
    refresh: ["/compare"],
    redirectTo: ({ slug }) => `/c/${slug}`,
  });
}

export async function deleteComparisonAction(slug: string, _prev: ActionState): Promise<ActionState> {
  return slugAction("operator", slug, deleteComparisonAs, { refresh: ["/compare"] });
}

export async function markComparisonBaselineAction(slug: string, _prev: ActionState): Promise<ActionState> {
  return slugAction("operator", slug, markComparisonBaselineAs, {
    // Runs only once the slug has passed its schema.
    refresh: () => [`/c/${slug}`, "/series"],
    message: ({ series, runs }) => `Baseline of ${series} series (${runs} runs)`,
  });
}
