import http from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks, launchOn } from "../../test-support/db-fixtures";
import { startWebhookReceiver } from "../../test-support/webhook-receiver";
import { allowPrivateTargets, allowSecretToTestReceivers, queuePings, SECRET } from "../../test-support/webhook-setup";

// A regression found by the real runner on the simulator is sent to a receiver on loopback: signed,
// retried with backoff when the receiver fails (the clock is injected: no test waits for a backoff);
// several workers deliver each message once. Loopback is refused unless MIGBENCH_WEBHOOK_ALLOW_PRIVATE
// is set, as these tests do; webhook-targets.test.ts checks what is refused.
withTestDatabase();
allowSecretToTestReceivers();

const GiB = 1024 ** 3;
test("a regression is delivered to the testbed's webhook, signed, and retried with backoff after a failure", async (t) => {
  allowPrivateTargets(t, true);
  process.env.MIGBENCH_SECRET_TEST_HOOK = `${SECRET}\n`;
  const { db } = await import("@/lib/db/client");
  const { setCampaignBaseline } = await import("@/lib/db/series");
  const { retryDelayMs } = await import("@/lib/db/webhooks");
  const { Runner } = await import("./runner");
  const { deliverDueWebhooks, signatureHeader } = await import("./webhooks");
  const hook = await startWebhookReceiver([503]);
  try {
    const testbed = await createTestbedWithLinks(db, {
      name: "hooked testbed",
      links: [{ name: "10GbE", lineRateGbps: 10, modelEfficiency: 0.9 }],
    });
    const other = await createTestbedWithLinks(db, { name: "another testbed" });
    const profile = await db.vmProfile.create({ data: { name: "2 GB once", memoryBytes: 2 * GiB, workload: "once" } });
    await db.webhook.create({
      data: { testbedId: testbed.id, url: hook.url, secretRef: "env:MIGBENCH_SECRET_TEST_HOOK" },
    });
    // Every verdict, but on another testbed: nothing of this testbed reaches it.
    await db.webhook.create({
      data: {
        testbedId: other.id,
        url: `${hook.url}/other`,
        secretRef: "env:MIGBENCH_SECRET_TEST_HOOK",
        events: "verdicts",
      },
    });
    const run = async (name: string) => {
      const id = await launchOn(testbed, [profile.id], { name, iterations: 4 });
      // This runner sends no webhooks: the test sends them with its own clock.
      await new Runner({ pollMs: 20, deliverWebhooks: false }).drain();
      return id;
    };
    const base = await run("baseline");
    assert.ok((await setCampaignBaseline({ campaignId: base, setBy: "test" })).ok);
    // A clear slowdown (~20% of the 2.4 s migration): with 4 runs a side, run-to-run noise (~60 ms) never
    // brings it under the 5% minimum effect, as it did ~3% of the time with a 10% change.
    await db.link.update({ where: { id: testbed.links[0].id }, data: { modelEfficiency: 0.9 / 1.25 } });
    const slower = await run("slower");
    assert.equal((await db.campaign.findUniqueOrThrow({ where: { id: slower } })).verdict, "regression");

    const deliveries = await db.webhookDelivery.findMany({ where: { campaignId: slower } });
    assert.equal(deliveries.length, 1, "one delivery: the other testbed's webhook gets nothing");
    assert.equal(await db.webhookDelivery.count({ where: { campaignId: base } }), 0, "no verdict, no message");
    let now = new Date();
    assert.equal(
      await deliverDueWebhooks({ testbedIds: [other.id], now: () => now }),
      0,
      "a worker of another testbed",
    );
    assert.equal(await deliverDueWebhooks({ testbedIds: [testbed.id], now: () => now }), 1);
    // The receiver's first answer was 503: pending again, after the first backoff.
    let delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveries[0].id } });
    assert.equal(delivery.status, "pending");
    assert.equal(delivery.lastStatusCode, 503);
    assert.match(delivery.lastError!, /HTTP 503/);
    assert.equal(delivery.nextAttemptAt.getTime(), now.getTime() + retryDelayMs(1));
    assert.equal(await deliverDueWebhooks({ testbedIds: null, now: () => now }), 0, "not due before its backoff");
    now = new Date(now.getTime() + retryDelayMs(1) + 1);
    assert.equal(await deliverDueWebhooks({ testbedIds: null, now: () => now }), 1);
    delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveries[0].id } });
    assert.equal(delivery.status, "delivered");
    assert.equal(delivery.attempts, 2);
    assert.equal(delivery.lastStatusCode, 204);

    const last = hook.received.at(-1)!;
    assert.equal(hook.received.length, 2);
    assert.equal(last.headers["x-migbench-event"], "campaign.verdict");
    const timestamp = Number(/t=(\d+)/.exec(String(last.headers["x-migbench-signature"]))![1]);
    assert.equal(last.headers["x-migbench-signature"], signatureHeader(SECRET, timestamp, last.body));
    const payload = JSON.parse(last.body);
    assert.equal(payload.verdict, "regression");
    assert.equal(payload.campaign.id, slower);
    assert.match(payload.summary, /^slower: Regression: migration time \d+\.\d% longer than the baseline/);
    assert.match(
      payload.series[0].compareUrl,
      /\/compare\?b=runs%3A[\d.]+&c=campaign%3A\d+%2Blink%3A\d+%2Bprofile%3A\d+/,
    );
    const time = payload.series[0].metrics.find((m: { metric: string }) => m.metric === "durationMs");
    assert.ok(time.pValue < 0.05 && time.changePct > 5);
  } finally {
    await hook.close();
  }
});

test("a delivery whose secret cannot be read, or whose receiver keeps failing, ends as failed with the reason", async (t) => {
  allowPrivateTargets(t, true);
  const { db } = await import("@/lib/db/client");
  const { MAX_DELIVERY_ATTEMPTS, queuePing, retryDelayMs } = await import("@/lib/db/webhooks");
  const { deliverDueWebhooks } = await import("./webhooks");
  const hook = await startWebhookReceiver(Array(MAX_DELIVERY_ATTEMPTS).fill(500));
  try {
    const testbed = await createTestbedWithLinks(db, { name: "failing hooks" });
    const unreadable = await db.webhook.create({
      data: { testbedId: testbed.id, url: hook.url, secretRef: "env:MIGBENCH_SECRET_NOT_SET_ANYWHERE" },
    });
    const failing = await db.webhook.create({
      data: { testbedId: testbed.id, url: hook.url, secretRef: "env:MIGBENCH_SECRET_TEST_HOOK" },
    });
    process.env.MIGBENCH_SECRET_TEST_HOOK = SECRET;
    assert.ok((await queuePing({ testbedId: testbed.id, id: unreadable.id, origin: "http://localhost" })).ok);
    assert.ok((await queuePing({ testbedId: testbed.id, id: failing.id, origin: "http://localhost" })).ok);
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      await deliverDueWebhooks({ testbedIds: [testbed.id], now: () => now });
      now = new Date(now.getTime() + retryDelayMs(attempt) + 1);
    }
    const [a, b] = await db.webhookDelivery.findMany({
      where: { webhookId: { in: [unreadable.id, failing.id] } },
      orderBy: { id: "asc" },
    });
    assert.equal(a.status, "failed");
    assert.match(a.lastError!, /Not sent: The environment variable MIGBENCH_SECRET_NOT_SET_ANYWHERE is not set/);
    assert.equal(b.status, "failed");
    assert.equal(b.attempts, MAX_DELIVERY_ATTEMPTS);
    assert.equal(b.lastStatusCode, 500);
    assert.equal(hook.received.length, MAX_DELIVERY_ATTEMPTS, "the unreadable secret's delivery was never sent");
    assert.equal(
      await deliverDueWebhooks({ testbedIds: [testbed.id], now: () => new Date(now.getTime() + 86_400_000) }),
      0,
    );
  } finally {
    await hook.close();
  }
});

test("four workers at once deliver 40 messages to a fast receiver: each arrives once, each taken just before it is sent", async (t) => {
  allowPrivateTargets(t, true);
  const { deliverDueWebhooks } = await import("./webhooks");
  const hook = await startWebhookReceiver();
  try {
    const { testbedId, deliveries } = await queuePings("busy hooks", Array(40).fill(hook.url));
    const sent = await Promise.all([1, 2, 3, 4].map(() => deliverDueWebhooks({ testbedIds: [testbedId], max: 40 })));
    assert.equal(
      sent.reduce((a, b) => a + b, 0),
      40,
      "40 attempts among the four",
    );
    const ids = hook.received.map((m) => m.headers["x-migbench-delivery"]);
    assert.equal(ids.length, 40);
    assert.equal(new Set(ids).size, 40, "no message arrived twice");
    const rows = await deliveries();
    assert.deepEqual([...new Set(rows.map((d) => `${d.status} ${d.attempts}`))], ["delivered 1"]);
  } finally {
    await hook.close();
  }
});

test("a slow receiver: the outcome of a worker whose hold ran out records nothing, and a delivered message stays delivered", async (t) => {
  allowPrivateTargets(t, true);
  const { SENDING_HOLD_MS } = await import("@/lib/db/webhooks");
  const { deliverDueWebhooks } = await import("./webhooks");
  // The first message is held at the receiver until the test lets it go, then answered 503; later ones get 204.
  let answerFirst!: () => void;
  let firstArrived!: () => void;
  const arrived = new Promise<void>((r) => (firstArrived = r));
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push(String(req.headers["x-migbench-delivery"]));
      if (received.length === 1) {
        answerFirst = () => res.writeHead(503).end();
        firstArrived();
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
  const logged: string[] = [];
  try {
    const { testbedId, deliveries } = await queuePings("slow hook", [url]);
    // Worker A sends it; the receiver sits on the answer.
    const a = deliverDueWebhooks({ testbedIds: [testbedId], log: (m) => logged.push(m) });
    await arrived;
    // Worker B, whose clock is past A's hold, takes it again and delivers it.
    const later = () => new Date(Date.now() + SENDING_HOLD_MS + 1_000);
    assert.equal(await deliverDueWebhooks({ testbedIds: [testbedId], now: later }), 1);
    let [row] = await deliveries();
    assert.equal(row.status, "delivered");
    // A's late failure does not put it back to pending, nor count an attempt.
    answerFirst();
    assert.equal(await a, 1);
    [row] = await deliveries();
    assert.equal(row.status, "delivered");
    assert.equal(row.attempts, 1);
    assert.equal(row.lastStatusCode, 204);
    assert.match(logged.join("\n"), /outcome not recorded — another worker holds it now/);
    assert.equal(received.length, 2, "sent twice, the second time only because the first hold ran out");
  } finally {
    await new Promise((r) => server.close(r));
  }
});
