import assert from "node:assert/strict";
import type { TestContext } from "node:test";
import { createTestbedWithLinks } from "./db-fixtures";

/*
 * What the webhook tests set up: the signing secret and the hosts it may go to, private targets
 * allowed or not, a DNS answered from a table, and testbeds with test messages queued.
 */

export const SECRET = "s3cret-for-hmac";
/** The hosts the signing secret may go to (lib/secrets/resolve.ts): the receivers the webhook tests use. */
export function allowSecretToTestReceivers() {
  process.env.MIGBENCH_SECRET_TEST_HOOK_HOSTS = "127.0.0.1, ::ffff:7f00:1, localhost, *.test";
  process.env.MIGBENCH_SECRET_NOT_SET_ANYWHERE_HOSTS = "127.0.0.1";
}

/** MIGBENCH_WEBHOOK_ALLOW_PRIVATE=1 (on) or unset (off) for one test, as it was after it. */
export function allowPrivateTargets(t: TestContext, on: boolean) {
  const before = process.env.MIGBENCH_WEBHOOK_ALLOW_PRIVATE;
  const set = (value: string | undefined) => {
    if (value === undefined) delete process.env.MIGBENCH_WEBHOOK_ALLOW_PRIVATE;
    else process.env.MIGBENCH_WEBHOOK_ALLOW_PRIVATE = value;
  };
  set(on ? "1" : undefined);
  t.after(() => set(before));
  return set;
}

/** A lookup that answers from `answers` (a name missing there: ENOTFOUND) and lists what it was asked. */
export function fakeLookup(answers: Record<string, string[][]>) {
  const asked: string[] = [];
  const lookup = async (hostName: string) => {
    asked.push(hostName);
    const answer = answers[hostName]?.shift();
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostName}`), { code: "ENOTFOUND" });
    return answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { lookup, asked };
}

/** A testbed with a webhook per URL, each with a test message queued; returns the messages' rows. */
export async function queuePings(name: string, urls: string[]) {
  const { db } = await import("@/lib/db/client");
  const { queuePing } = await import("@/lib/db/webhooks");
  process.env.MIGBENCH_SECRET_TEST_HOOK = SECRET;
  const testbed = await createTestbedWithLinks(db, { name });
  const ids: number[] = [];
  for (const url of urls) {
    const hook = await db.webhook.create({
      data: { testbedId: testbed.id, url, secretRef: "env:MIGBENCH_SECRET_TEST_HOOK" },
    });
    assert.ok((await queuePing({ testbedId: testbed.id, id: hook.id, origin: "http://localhost" })).ok);
    ids.push(hook.id);
  }
  const deliveries = () =>
    db.webhookDelivery.findMany({ where: { webhookId: { in: ids } }, orderBy: { webhookId: "asc" } });
  return { testbedId: testbed.id, deliveries };
}
