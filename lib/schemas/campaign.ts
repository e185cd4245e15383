import { z } from "zod";
import { idInput, idListInput, numberInput, optionalNumberInput, textField, type InputMode } from "./fields";
import { pageQuerySchema } from "./paging";
import { verdictFilterSchema } from "./series";
import { jsonTextField, settingsVariantsSchema, sweepSchema } from "./migration-settings";
import { RUN_STATUSES } from "@/lib/model/vocabulary";

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

/** The longest name search the campaign list accepts (names are at most 200 characters). */
export const MAX_CAMPAIGN_SEARCH = 100;

const firstOf = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/**
 * The campaign list's query (page and GET /api/campaigns): a page position, an optional verdict and an
 * optional name search `q` (case-insensitive substring, trimmed, at most 100 characters; blank: none).
 */
export const campaignListQuerySchema = pageQuerySchema.extend({
  verdict: verdictFilterSchema,
  q: z.preprocess(
    firstOf,
    z
      .string()
      .max(MAX_CAMPAIGN_SEARCH, `q must be at most ${MAX_CAMPAIGN_SEARCH} characters`)
      .optional()
      .transform((q) => q?.trim() || undefined),
  ),
});

export type CampaignListQuery = z.output<typeof campaignListQuerySchema>;

/** How a campaign's runs table can be ordered; every order ends with the run id, so keyset paging holds. */
export const RUN_SORTS = {
  id: { label: "Run id", column: "id", dir: "asc", nullable: false },
  "duration-asc": { label: "Time, shortest first", column: "durationMs", dir: "asc", nullable: true },
  "duration-desc": { label: "Time, longest first", column: "durationMs", dir: "desc", nullable: true },
  status: { label: "Status (A–Z)", column: "status", dir: "asc", nullable: false },
} as const;
export type RunSort = keyof typeof RUN_SORTS;

const optionalId = (what: string) =>
  z.preprocess(
    (v) => (firstOf(v) === "" ? undefined : firstOf(v)),
    idInput("form", `${what} must be an id`).optional(),
  );

/**
 * The runs table of a campaign page, from the URL: which runs (status, link, VM profile), in which order,
 * and where the page continues (`after` = the last run shown). Unknown values are refused, not guessed.
 */
export const campaignRunsQuerySchema = z.object({
  status: z.preprocess(
    (v) => firstOf(v) || undefined,
    z.enum(RUN_STATUSES, { error: `status must be one of ${RUN_STATUSES.join(", ")}` }).optional(),
  ),
  link: optionalId("link"),
  profile: optionalId("profile"),
  sort: z.preprocess(
    (v) => firstOf(v) || undefined,
    z
      .enum(Object.keys(RUN_SORTS) as [RunSort, ...RunSort[]], {
        error: `sort must be one of ${Object.keys(RUN_SORTS).join(", ")}`,
      })
      .default("id"),
  ),
  after: optionalId("after"),
});

export type CampaignRunsQuery = z.output<typeof campaignRunsQuerySchema>;

/** The query string of a runs-table view, without its page position unless given; the default order is left out. */
export function campaignRunsQueryString(q: Partial<CampaignRunsQuery>, after?: number | null): string {
  const params = new URLSearchParams();
  if (q.status) params.set("status", q.status);
  if (q.link) params.set("link", String(q.link));
  if (q.profile) params.set("profile", String(q.profile));
  if (q.sort && q.sort !== "id") params.set("sort", q.sort);
  if (after) params.set("after", String(after));
  return params.toString();
}
