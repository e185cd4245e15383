import { z } from "zod";
import { parseSecretReference, SECRET_REFERENCE_HINT } from "@/lib/secrets/references";

/** What a webhook is sent: only regressions, or every verdict. */
export const WEBHOOK_EVENTS = {
  regressions: "Regressions only",
  verdicts: "Every verdict",
} as const;
export type WebhookEvents = keyof typeof WEBHOOK_EVENTS;

const MAX_URL_CHARS = 2000;

/**
 * Why a webhook URL is refused, or null: http(s) only, no user or password in it, no #fragment, and
 * not a link-local address (169.254.0.0/16, fe80::/10: cloud metadata services live there). Loopback
 * and lab addresses are allowed: webhooks are set by admins, and receivers often run next to the lab.
 */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The URL must be an address such as "https://hooks.example.com/migbench"';
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https:// or http://";
  if (url.username || url.password) return "The URL must not hold a user or password; the secret signs each message";
  if (url.hash) return "The URL must not have a #fragment";
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (/^169\.254\./.test(host) || /^fe[89ab][0-9a-f]:/.test(host) || host === "metadata.google.internal")
    return "Link-local and cloud metadata addresses are refused";
  return null;
}

/** A new webhook of a testbed, from the testbed page's form. */
export const webhookSchema = z.object({
  url: z
    .string({ error: "Enter the URL to send verdicts to" })
    .trim()
    .min(1, "Enter the URL to send verdicts to")
    .max(MAX_URL_CHARS, `The URL must be at most ${MAX_URL_CHARS} characters`)
    .superRefine((value, ctx) => {
      const problem = webhookUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  secretRef: z
    .string({ error: `The signing secret is ${SECRET_REFERENCE_HINT}` })
    .trim()
    .max(220, "The secret reference must be at most 220 characters")
    .superRefine((value, ctx) => {
      const parsed = parseSecretReference(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
  events: z.enum(Object.keys(WEBHOOK_EVENTS) as [WebhookEvents, ...WebhookEvents[]], {
    error: "Choose which verdicts to send",
  }),
});
export type WebhookInput = z.output<typeof webhookSchema>;
