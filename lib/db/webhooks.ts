import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "./client";
import type { WriteResult } from "./errors";
import type { WebhookInput } from "@/lib/schemas/webhook";

/*
 * Webhooks and their deliveries. A finished campaign's verdict is queued as one delivery per webhook
 * of its testbed (the body frozen as it will be signed); the workers that serve the testbed send them
 * (lib/runner/webhooks.ts), retrying with backoff.
 */

/** Attempts before a delivery is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 6;

/** The wait before attempt n + 1 after n failed ones: 30 s, 2 min, 8 min, 32 min, then 2 h. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(30_000 * 4 ** (failedAttempts - 1), 2 * 3_600_000);
}

/**
 * How long a worker holds one delivery it is sending before another may take it: longer than sending it
 * can take (its 10 s deadline, lib/runner/webhooks.ts), with room for recording the attempt.
 */
export const SENDING_HOLD_MS = 30_000;

/** A testbed's webhooks, each with its newest deliveries. */
export async function listWebhooks({ testbedId, deliveries = 5 }: { testbedId: number; deliveries?: number }) {
  return db.webhook.findMany({
    where: { testbedId },
    orderBy: { id: "asc" },
    select: {
      ...{ id: true, url: true, secretRef: true, events: true, createdAt: true },
      deliveries: {
        orderBy: { id: "desc" },
        take: deliveries,
        select: {
          ...{ id: true, event: true, status: true, attempts: true, nextAttemptAt: true, lastStatusCode: true },
          ...{ lastError: true, createdAt: true, deliveredAt: true },
          campaign: { select: { id: true, name: true, verdict: true } },
        },
      },
    },
  });
}

/** Adds a webhook to a testbed. */
export async function createWebhook({
  testbedId,
  data,
}: {
  testbedId: number;
  data: WebhookInput;
}): Promise<WriteResult<{ id: number }>> {
  const testbed = await db.testbed.findUnique({ where: { id: testbedId }, select: { id: true } });
  if (!testbed) return { ok: false, code: "not_found", message: "This testbed no longer exists" };
  const row = await db.webhook.create({ data: { testbedId, ...data }, select: { id: true } });
  return { ok: true, value: row };
}

/** Removes a testbed's webhook and its deliveries. */
export async function deleteWebhook({
  testbedId,
  id,
}: {
  testbedId: number;
  id: number;
}): Promise<WriteResult<{ url: string }>> {
  const row = await db.webhook.findFirst({ where: { id, testbedId }, select: { url: true } });
  if (!row) return { ok: false, code: "not_found", message: "This webhook no longer exists" };
  await db.webhook.delete({ where: { id } });
  return { ok: true, value: row };
}

/**
 * Queues a test message to one webhook (sent by the next worker that serves its testbed); `origin`:
 * the app's public address, for the link to the testbed.
 */
export async function queuePing({
  testbedId,
  id,
  origin,
}: {
  testbedId: number;
  id: number;
  origin: string;
}): Promise<WriteResult<{ url: string }>> {
  const hook = await db.webhook.findFirst({
    where: { id, testbedId },
    select: { url: true, testbed: { select: { id: true, name: true } } },
  });
  if (!hook) return { ok: false, code: "not_found", message: "This webhook no longer exists" };
  const payload = {
    event: "ping",
    message: `A test message from migbench for testbed “${hook.testbed.name}”.`,
    testbed: { id: hook.testbed.id, name: hook.testbed.name, url: `${origin}/testbeds/${hook.testbed.id}` },
  };
  await db.webhookDelivery.create({ data: { webhookId: id, event: "ping", payloadJson: JSON.stringify(payload) } });
  return { ok: true, value: { url: hook.url } };
}

/**
 * Who hears of a campaign's verdict: the webhooks of its testbed that want every verdict, and those
 * that want regressions when it is one; with the names its series' links and profiles carry. null when
 * no webhook wants it.
 */
export async function verdictDeliveryTargets({
  campaignId,
  regression,
  series,
}: {
  campaignId: number;
  regression: boolean;
  series: { linkId: number; profileId: number }[];
}) {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      id: true,
      name: true,
      testbed: { select: { id: true, name: true, webhooks: { select: { id: true, events: true } } } },
    },
  });
  const hooks = (campaign?.testbed.webhooks ?? []).filter((h) => h.events === "verdicts" || regression);
  if (!campaign || !hooks.length) return null;
  const [links, profiles] = await Promise.all([
    db.link.findMany({ where: { id: { in: series.map((k) => k.linkId) } }, select: { id: true, name: true } }),
    db.vmProfile.findMany({ where: { id: { in: series.map((k) => k.profileId) } }, select: { id: true, name: true } }),
  ]);
  return { campaign, hooks, links, profiles };
}

/** Queues one delivery of a payload to each webhook. */
export async function queueDeliveries({
  campaignId,
  webhookIds,
  event,
  payload,
}: {
  campaignId: number;
  webhookIds: number[];
  event: string;
  payload: unknown;
}): Promise<number> {
  const payloadJson = JSON.stringify(payload);
  const { count } = await db.webhookDelivery.createMany({
    data: webhookIds.map((webhookId) => ({ webhookId, campaignId, event, payloadJson })),
  });
  return count;
}

export type DueDelivery = {
  id: number;
  /** The hold's token: the attempt is recorded with it, and only while it holds. */
  claimToken: string;
  url: string;
  secretRef: string;
  event: string;
  payloadJson: string;
  attempts: number;
};

/**
 * Takes up to `take` deliveries that are due — pending and their time has come, or left sending by a
 * worker whose hold ran out — of webhooks of the given testbeds (null: all), each with a conditional
 * update so two workers never send the same one at once. Each is held for SENDING_HOLD_MS from `now`:
 * take only what will be sent at once (the sender takes one at a time).
 */
export async function claimDueDeliveries({
  testbedIds,
  now = new Date(),
  take = 1,
}: {
  testbedIds: number[] | null;
  now?: Date;
  take?: number;
}): Promise<DueDelivery[]> {
  const due = {
    OR: [
      { status: "pending", nextAttemptAt: { lte: now } },
      { status: "sending", claimedUntil: { lt: now } },
    ],
    ...(testbedIds ? { webhook: { testbedId: { in: testbedIds } } } : {}),
  };
  // A few more than asked for: another worker may take some of them first.
  const candidates = await db.webhookDelivery.findMany({
    where: due,
    orderBy: { id: "asc" },
    take: take + 4,
    select: {
      id: true,
      event: true,
      payloadJson: true,
      attempts: true,
      webhook: { select: { url: true, secretRef: true } },
    },
  });
  const claimed: DueDelivery[] = [];
  for (const c of candidates) {
    if (claimed.length >= take) break;
    const claimToken = randomUUID();
    const { count } = await db.webhookDelivery.updateMany({
      where: { id: c.id, ...due },
      data: { status: "sending", claimToken, claimedUntil: new Date(now.getTime() + SENDING_HOLD_MS) },
    });
    if (count === 1)
      claimed.push({
        id: c.id,
        claimToken,
        event: c.event,
        payloadJson: c.payloadJson,
        attempts: c.attempts,
        ...c.webhook,
      });
  }
  return claimed;
}

/**
 * Stores an attempt's outcome: delivered; or, after a failure, pending again after the backoff
 * (retryDelayMs), or failed once MAX_DELIVERY_ATTEMPTS were made. Only by the worker that still holds
 * the delivery (`claimToken`): a late answer after the hold ran out and another worker took it records
 * nothing (a delivered message is never put back to pending). Returns whether it was recorded.
 */
export async function recordDeliveryAttempt({
  id,
  claimToken,
  delivered,
  statusCode,
  error,
  now = new Date(),
}: {
  id: number;
  claimToken: string;
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
  now?: Date;
}): Promise<boolean> {
  const row = await db.webhookDelivery.findUnique({ where: { id }, select: { attempts: true } });
  if (!row) return false;
  const attempts = row.attempts + 1;
  const status = delivered ? "delivered" : attempts >= MAX_DELIVERY_ATTEMPTS ? "failed" : "pending";
  const { count } = await db.webhookDelivery.updateMany({
    where: { id, claimToken, status: "sending", attempts: row.attempts },
    data: {
      claimToken: null,
      status,
      attempts,
      lastStatusCode: statusCode,
      lastError: error?.slice(0, 500) ?? null,
      claimedUntil: null,
      deliveredAt: delivered ? now : null,
      nextAttemptAt: status === "pending" ? new Date(now.getTime() + retryDelayMs(attempts)) : now,
    },
  });
  return count === 1;
}
