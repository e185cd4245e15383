import { z } from "zod";
import { idInput, numberInput, type InputMode, type NumberBounds } from "./fields";
import { VERDICTS } from "@/lib/model/vocabulary";

/** A testbed's minimum effect: a significant change smaller than this (% of the baseline mean) is no regression. */
export const MIN_EFFECT_BOUNDS = {
  unit: "%",
  min: 0,
  max: 100,
  message: "Minimum effect must be from 0 to 100 %",
} satisfies NumberBounds;

function minEffect(mode: InputMode) {
  return z.object({ minEffectPct: numberInput(mode, "Minimum effect", MIN_EFFECT_BOUNDS) });
}

/** The minimum effect from the testbed page's form. */
export const minEffectFormSchema = minEffect("form");

/** Words shown for each verdict. */
export const VERDICT_LABELS = {
  regression: "Regression",
  improvement: "Improvement",
  "needs-more-runs": "Needs more runs",
  "no-change": "No significant change",
} as const satisfies Record<(typeof VERDICTS)[number], string>;

/** `?verdict=` of the campaign list (page and API): one verdict, or nothing. */
export const verdictFilterSchema = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v) || undefined,
  z.enum(VERDICTS, { error: `verdict must be one of ${VERDICTS.join(", ")}` }).optional(),
);

/** `?testbed=` of the series list (page and GET /api/series). */
export const seriesListQuerySchema = z.object({
  testbed: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) || undefined,
    idInput("form", "testbed must be a testbed id").optional(),
  ),
});
