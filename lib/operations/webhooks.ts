import "server-only";
import { createWebhook, deleteWebhook, queuePing } from "@/lib/db/webhooks";
import { audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import type { WebhookInput } from "@/lib/schemas/webhook";

/*
 * A testbed's webhooks, each change with its audit row. The URL is not written to the audit log (a
 * receiver's address often holds its own token); its host is. The caller has checked for an admin.
 */

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "?";
  }
};

export async function addWebhookAs(principal: Principal, testbedId: number, data: WebhookInput) {
  return audited(principal, await createWebhook({ testbedId, data }), (value) => ({
    action: "webhook.create",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Added webhook #${value.id} to ${hostOf(data.url)} (${data.events}) on testbed #${testbedId}`,
  }));
}

export async function removeWebhookAs(principal: Principal, testbedId: number, id: number) {
  return audited(principal, await deleteWebhook({ testbedId, id }), (value) => ({
    action: "webhook.delete",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Removed webhook #${id} to ${hostOf(value.url)} from testbed #${testbedId}`,
  }));
}

export async function pingWebhookAs(principal: Principal, testbedId: number, id: number) {
  return audited(principal, await queuePing({ testbedId, id }), (value) => ({
    action: "webhook.ping",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Queued a test message to webhook #${id} (${hostOf(value.url)})`,
  }));
}
