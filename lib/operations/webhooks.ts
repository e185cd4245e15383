import "server-only";
import { publicUrl } from "@/lib/http/public-url";
import { named, testbedNameOf } from "@/lib/db/audit-names";
import { createWebhook, deleteWebhook, queuePing } from "@/lib/db/webhooks";
import { audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import type { WebhookInput } from "@/lib/schemas/webhook";
import { secretHostProblem } from "@/lib/secrets/resolve";

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
  // Each message is signed with the secret: it must be one its owner lets go to this receiver.
  const secretProblem = secretHostProblem(data.secretRef, new URL(data.url).hostname);
  if (secretProblem) return { ok: false as const, message: secretProblem, field: "secretRef" };
  const testbed = named(await testbedNameOf(testbedId), testbedId);
  return audited(principal, await createWebhook({ testbedId, data }), (value) => ({
    action: "webhook.create",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Added webhook #${value.id} to ${hostOf(data.url)} (${data.events}) on testbed ${testbed}`,
  }));
}

export async function removeWebhookAs(principal: Principal, testbedId: number, id: number) {
  const testbed = named(await testbedNameOf(testbedId), testbedId);
  return audited(principal, await deleteWebhook({ testbedId, id }), (value) => ({
    action: "webhook.delete",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Removed webhook #${id} to ${hostOf(value.url)} from testbed ${testbed}`,
  }));
}

export async function pingWebhookAs(principal: Principal, testbedId: number, id: number) {
  return audited(principal, await queuePing({ testbedId, id, origin: publicUrl() }), (value) => ({
    action: "webhook.ping",
    targetType: "testbed",
    targetId: testbedId,
    summary: `Queued a test message to webhook #${id} (${hostOf(value.url)})`,
  }));
}
