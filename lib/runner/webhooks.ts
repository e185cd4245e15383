import "server-only";
import { createHmac } from "node:crypto";
import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { claimDueDeliveries, recordDeliveryAttempt } from "@/lib/db/webhooks";
import { addressProblem, parseIpv4 } from "@/lib/http/address-policy";
import { resolvePasswordFor } from "@/lib/secrets/resolve";
import { privateWebhookTargetsAllowed, webhookUrlProblem } from "@/lib/schemas/webhook";

/** The host a URL names ("" when it is none: the URL check then says why). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

/** How long a receiver has to answer one delivery. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * The signature header of a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the
 * webhook's secret. A receiver recomputes it and refuses old timestamps (replays).
 */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The addresses a host name resolves to: dns.promises.lookup with `all`, injectable for tests. */
export type LookupAll = (hostName: string) => Promise<{ address: string; family: number }[]>;

const lookupAll: LookupAll = (hostName) => dns.lookup(hostName, { all: true });

type Target = { ok: true; addresses: { address: string; family: number }[] } | { ok: false; problem: string };

/**
 * The addresses to send a webhook to, looked up once: none for an IP literal (it was judged with the
 * URL), or every address its name resolves to, refused when any of them is not public (unless
 * allowed). A lookup that outlasts `signal` is given up (getaddrinfo itself cannot be stopped).
 */
async function resolveTarget(url: URL, lookup: LookupAll, allowPrivate: boolean, signal: AbortSignal): Promise<Target> {
  const host = url.hostname;
  if (host.startsWith("[") || parseIpv4(host) !== null) return { ok: true, addresses: [] };
  let addresses: { address: string; family: number }[];
  try {
    const aborted = new Promise<never>((_, reject) =>
      signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
    );
    addresses = await Promise.race([lookup(host), aborted]);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (signal.aborted) return { ok: false, problem: `${host} could not be resolved within 10 s` };
    return { ok: false, problem: `${host} could not be resolved (${e.code ?? e.message})` };
  }
  if (addresses.length === 0) return { ok: false, problem: `${host} could not be resolved (no address)` };
  for (const { address } of addresses) {
    const problem = addressProblem(address, { allowPrivate, shown: `${host} (${address})` });
    if (problem) return { ok: false, problem };
  }
  return { ok: true, addresses };
}

/**
 * POSTs `body` to `url` and resolves with the receiver's status once its headers arrive (the body is
 * drained and discarded). A name is not looked up again: the connection goes to `addresses`, the ones
 * that were checked, while the Host header, TLS SNI and certificate check keep the name. No agent
 * (no kept-alive socket from an earlier answer), no redirects; `signal` ends it.
 */
function post(
  url: URL,
  addresses: { address: string; family: number }[],
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<number> {
  const pinned: LookupFunction = (_hostName, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(
      {
        method: "POST",
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: { ...headers, host: url.host, "content-length": String(Buffer.byteLength(body)) },
        lookup: addresses.length > 0 ? pinned : undefined,
        agent: false,
        signal,
      },
      (response) => {
        // An error while the discarded body drains changes nothing: the status is in.
        response.on("error", () => {});
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * Sends the webhook deliveries that are due, of the testbeds this worker serves (null: all): each
 * body signed with its webhook's secret (resolved here, in the worker, never in a page), POSTed
 * without following redirects, within 10 s. The URL is checked again, and a host name is resolved
 * here and every address it gives checked (lib/http/address-policy.ts, MIGBENCH_WEBHOOK_ALLOW_PRIVATE)
 * before the message is sent to those very addresses. 2xx is delivered; anything else is retried with
 * backoff (lib/db/webhooks.ts). `now` and `lookup` are injectable so tests need not wait for a backoff
 * or own a DNS name. Returns how many were attempted.
 *
 * At least once: each delivery is taken just before it is sent and held for longer than sending it can
 * take (SENDING_HOLD_MS), so a slow receiver never makes a batch outlive its hold; an attempt is recorded
 * only while held. A receiver may still see a message twice (an answer lost on the way back): the
 * `X-Migbench-Delivery` header carries the delivery's id to deduplicate on.
 */
export async function deliverDueWebhooks({
  testbedIds,
  now = () => new Date(),
  lookup = lookupAll,
  max = 10,
  log = () => {},
}: {
  testbedIds: number[] | null;
  now?: () => Date;
  lookup?: LookupAll;
  /** Deliveries sent in one call, one after another. */
  max?: number;
  log?: (message: string) => void;
}): Promise<number> {
  let attempted = 0;
  while (attempted < max) {
    const [delivery] = await claimDueDeliveries({ testbedIds, now: now(), take: 1 });
    if (!delivery) break;
    attempted++;
    const record = async (delivered: boolean, statusCode: number | null, error: string | null) => {
      const recorded = await recordDeliveryAttempt({
        id: delivery.id,
        claimToken: delivery.claimToken,
        delivered,
        statusCode,
        error,
        now: now(),
      });
      if (!recorded)
        log(`webhook delivery ${delivery.id}: this attempt's outcome not recorded — another worker holds it now`);
    };
    const secret = resolvePasswordFor(delivery.secretRef, hostOf(delivery.url));
    if (!secret.ok) {
      await record(false, null, `Not sent: ${secret.problem}`);
      continue;
    }
    const urlProblem = webhookUrlProblem(delivery.url);
    if (urlProblem) {
      await record(false, null, `Not sent: ${urlProblem}`);
      continue;
    }
    // One deadline for resolving the name and the receiver's answer.
    const signal = AbortSignal.timeout(DELIVERY_TIMEOUT_MS);
    const url = new URL(delivery.url);
    const target = await resolveTarget(url, lookup, privateWebhookTargetsAllowed(), signal);
    if (!target.ok) {
      await record(false, null, `Not sent: ${target.problem}`);
      continue;
    }
    const timestamp = Math.floor(now().getTime() / 1000);
    try {
      const headers = {
        "content-type": "application/json",
        "user-agent": "migbench-webhook",
        "x-migbench-event": delivery.event,
        "x-migbench-delivery": String(delivery.id),
        "x-migbench-signature": signatureHeader(secret.value, timestamp, delivery.payloadJson),
      };
      const status = await post(url, target.addresses, headers, delivery.payloadJson, signal);
      const ok = status >= 200 && status < 300;
      await record(ok, status, ok ? null : `The receiver answered HTTP ${status}`);
    } catch (error) {
      await record(
        false,
        null,
        signal.aborted ? "No answer within 10 s" : `Not delivered: ${(error as Error).message}`,
      );
    }
  }
  return attempted;
}
