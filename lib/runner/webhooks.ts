import "server-only";
import { createHmac } from "node:crypto";
import { claimDueDeliveries, recordDeliveryAttempt } from "@/lib/db/webhooks";
import { resolvePassword } from "@/lib/secrets/resolve";
import { webhookUrlProblem } from "@/lib/schemas/webhook";

/** How long a receiver has to answer one delivery. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * The signature header of a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the
 * webhook's secret. A receiver recomputes it and refuses old timestamps (replays).
 */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * Sends the webhook deliveries that are due, of the testbeds this worker serves (null: all): each
 * body signed with its webhook's secret (resolved here, in the worker, never in a page), POSTed
 * without following redirects, within 10 s. 2xx is delivered; anything else is retried with backoff
 * (lib/db/webhooks.ts). `now` is injectable so tests need not wait for a backoff. Returns how many
 * were attempted.
 */
export async function deliverDueWebhooks({
  testbedIds,
  now = () => new Date(),
}: {
  testbedIds: number[] | null;
  now?: () => Date;
}): Promise<number> {
  const due = await claimDueDeliveries({ testbedIds, now: now() });
  for (const delivery of due) {
    const record = (delivered: boolean, statusCode: number | null, error: string | null) =>
      recordDeliveryAttempt({ id: delivery.id, delivered, statusCode, error, now: now() });
    const secret = resolvePassword(delivery.secretRef);
    if (!secret.ok) {
      await record(false, null, `Not sent: ${secret.problem}`);
      continue;
    }
    const urlProblem = webhookUrlProblem(delivery.url);
    if (urlProblem) {
      await record(false, null, `Not sent: ${urlProblem}`);
      continue;
    }
    const timestamp = Math.floor(now().getTime() / 1000);
    try {
      const res = await fetch(delivery.url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        headers: {
          "content-type": "application/json",
          "user-agent": "migbench-webhook",
          "x-migbench-event": delivery.event,
          "x-migbench-delivery": String(delivery.id),
          "x-migbench-signature": signatureHeader(secret.value, timestamp, delivery.payloadJson),
        },
        body: delivery.payloadJson,
      });
      await res.body?.cancel();
      const ok = res.status >= 200 && res.status < 300;
      await record(ok, res.status, ok ? null : `The receiver answered HTTP ${res.status}`);
    } catch (error) {
      const e = error as Error;
      await record(false, null, e.name === "TimeoutError" ? "No answer within 10 s" : `Not delivered: ${e.message}`);
    }
  }
  return due.length;
}
