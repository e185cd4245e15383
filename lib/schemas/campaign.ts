import { z } from "zod";
import { numberField, optionalNumberField, textField } from "./fields";

export const MAX_RUNS_PER_CAMPAIGN = 5000;

/** Simulator time modes offered in the form; the API accepts any scale from 0 to 10000. */
export const TIME_SCALES = [
  { value: 50, label: "Accelerated 50× (default)" },
  { value: 10, label: "Accelerated 10×" },
  { value: 1, label: "Real time" },
  { value: 0, label: "As fast as possible" },
] as const;

const idList = (what: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.coerce.number({ error: `Invalid ${what} id` }).int(`Invalid ${what} id`).positive(`Invalid ${what} id`), { error: `Choose at least one ${what}` })
      .min(1, `Choose at least one ${what}`)
      .transform((ids) => [...new Set(ids)]),
  );

/** A campaign launch, from the form or the API: testbed, links × profiles × iterations. */
export const launchCampaignSchema = z
  .object({
    name: textField("Name", 200),
    testbedId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number({ error: "Choose a testbed" }).int("Choose a testbed").positive("Choose a testbed")),
    linkIds: idList("link"),
    profileIds: idList("VM profile"),
    iterations: numberField("Iterations").refine((v) => Number.isInteger(v) && v >= 1 && v <= 100, "Iterations must be a whole number from 1 to 100"),
    timeScale: optionalNumberField("Time scale")
      .refine((v) => v === undefined || (v >= 0 && v <= 10_000), "Time scale must be from 0 (as fast as possible) to 10000")
      .transform((v) => v ?? 50),
  })
  .superRefine((c, ctx) => {
    const runs = c.linkIds.length * c.profileIds.length * c.iterations;
    if (runs > MAX_RUNS_PER_CAMPAIGN) {
      ctx.addIssue({ code: "custom", path: ["iterations"], message: `That is ${runs} runs; a campaign holds at most ${MAX_RUNS_PER_CAMPAIGN}` });
    }
  });

export type LaunchCampaignInput = z.output<typeof launchCampaignSchema>;

/** The launch form's FormData as the schema's input (repeated checkboxes become arrays). */
export function launchFormToObject(formData: FormData): Record<string, unknown> {
  return {
    name: formData.get("name") ?? undefined,
    testbedId: formData.get("testbedId") ?? undefined,
    linkIds: formData.getAll("linkIds").map(String),
    profileIds: formData.getAll("profileIds").map(String),
    iterations: formData.get("iterations") ?? undefined,
    timeScale: formData.get("timeScale") ?? undefined,
  };
}
