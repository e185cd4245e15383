import { z } from "zod";
import { idInput, idListInput, numberInput, optionalNumberInput, textField, type InputMode } from "./fields";
import { pageQuerySchema } from "./paging";
import { verdictFilterSchema } from "./series";
import { jsonTextField, settingsVariantsSchema, sweepSchema } from "./migration-settings";

export const MAX_RUNS_PER_CAMPAIGN = 5000;

/** Simulator time modes offered in the form; the API accepts any scale from 0 to 10000. */
export const TIME_SCALES = [
  { value: 50, label: "Accelerated 50× (default)" },
  { value: 10, label: "Accelerated 10×" },
  { value: 1, label: "Real time" },
  { value: 0, label: "As fast as possible" },
] as const;

/** A campaign launch: testbed, links × profiles × settings variants × swept values × iterations. */
function launchCampaign(mode: InputMode) {
  const sweep = z.preprocess((v) => (v === null ? undefined : v), sweepSchema.optional());
  return z
    .object({
      name: textField("Name", 200),
      testbedId: idInput(mode, "Choose a testbed"),
      linkIds: idListInput(mode, "link"),
      profileIds: idListInput(mode, "VM profile"),
      iterations: numberInput(mode, "Iterations", { int: true, min: 1, max: 100 }),
      timeScale: optionalNumberInput(mode, "Time scale", {
        min: 0,
        max: 10_000,
        message: "Time scale must be from 0 (as fast as possible) to 10000",
      }).transform((v) => v ?? 50),
      variants: mode === "form" ? jsonTextField(settingsVariantsSchema, "Settings variants") : settingsVariantsSchema,
      sweep: mode === "form" ? jsonTextField(sweep, "The sweep") : sweep,
    })
    .superRefine((c, ctx) => {
      const runs =
        c.linkIds.length * c.profileIds.length * c.variants.length * (c.sweep?.values.length ?? 1) * c.iterations;
      if (runs > MAX_RUNS_PER_CAMPAIGN) {
        ctx.addIssue({
          code: "custom",
          path: ["iterations"],
          message: `That is ${runs} runs; a campaign holds at most ${MAX_RUNS_PER_CAMPAIGN}`,
        });
      }
    });
}

/** A launch through the JSON API: strict JSON types. */
export const launchCampaignSchema = launchCampaign("json");
/** The same launch from the form (strings, repeated checkboxes). */
export const launchCampaignFormSchema = launchCampaign("form");

export type LaunchCampaignInput = z.output<typeof launchCampaignSchema>;

/** The launch form's FormData as the form schema's input (repeated checkboxes become arrays); null for anything else. */
export function launchFormToObject(formData: unknown): Record<string, unknown> | null {
  if (!(formData instanceof FormData)) return null;
  return {
    name: formData.get("name") ?? undefined,
    testbedId: formData.get("testbedId") ?? undefined,
    linkIds: formData.getAll("linkIds").map((v) => (typeof v === "string" ? v : "")),
    profileIds: formData.getAll("profileIds").map((v) => (typeof v === "string" ? v : "")),
    iterations: formData.get("iterations") ?? undefined,
    timeScale: formData.get("timeScale") ?? undefined,
    variants: formData.get("variants") ?? undefined,
    sweep: formData.get("sweep") ?? undefined,
  };
}

/** The campaign list's query (page and GET /api/campaigns): a page position and an optional verdict. */
export const campaignListQuerySchema = pageQuerySchema.extend({ verdict: verdictFilterSchema });
