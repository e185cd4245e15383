import { z } from "zod";
import { webhookTargetProblem } from "@/lib/http/address-policy";
import { parseSecretReference, SECRET_REFERENCE_HINT } from "@/lib/secrets/references";

/** What a webhook is sent: only regressions, or every verdict. */
export const WEBHOOK_EVENTS = {
  regressions: "Regressions only",
  verdicts: "Every verdict",
} as const;
export type WebhookEvents = keyof typeof WEBHOOK_EVENTS;

const MAX_URL_CHARS = 2000;

/**
 * Whether webhooks may go to loopback, private, unique-local, CGNAT and other non-public addresses:
 * MIGBENCH_WEBHOOK_ALLOW_PRIVATE=1 (or true), for labs whose receivers are on private addresses. Read
 * on each check, by the app when a webhook is saved and by the worker when it sends.
 */
export function privateWebhookTargetsAllowed(): boolean {
  const value = process.env.MIGBENCH_WEBHOOK_ALLOW_PRIVATE;
  return value === "1" || value === "true";
}

/**
 * Why a webhook URL is refused, or null: http(s) only, no user or password in it, no #fragment, and a
 * host that is public (lib/http/address-policy.ts): no loopback, private, link-local, unique-local,
 * CGNAT, multicast, reserved or unspecified address in any notation (IPv4-mapped IPv6 included), no
 * localhost, cloud metadata or private-use name, trailing dot or not. MIGBENCH_WEBHOOK_ALLOW_PRIVATE=1
 * lifts all but link-local, metadata, multicast, broadcast and unspecified. A name is only judged by
 * its spelling here; the worker checks the addresses it resolves to before each delivery.
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
  const problem = webhookTargetProblem(url, { allowPrivate: privateWebhookTargetsAllowed() });
  return problem && `The URL's host ${problem}`;
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
