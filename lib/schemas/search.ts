import { z } from "zod";

/** GET /api/search: what to look for and the text typed (at most 100 characters). */
export const searchQuerySchema = z.object({
  kind: z.enum(["campaign", "testbed", "link", "profile"], {
    error: "kind must be campaign, testbed, link or profile",
  }),
  q: z
    .string()
    .max(100, "q must be at most 100 characters")
    .optional()
    .transform((q) => q?.trim() ?? ""),
});
