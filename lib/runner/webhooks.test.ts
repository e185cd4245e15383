import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks } from "../../test-support/db-fixtures";
import { startWebhookReceiver } from "../../test-support/webhook-receiver";

// A regression found by the real runner on the simulator is sent to a receiver on loopback: signed,
// retried with backoff when the receiver fails (the clock is injected: no test waits for a backoff).
withTestDatabase();

const GiB = 1024 ** 3;
const SECRET = "s3cret-for-hmac";

test("a regression is delivered to the testbed's webhook, signed, and retried with backoff after a failure", async () => {
  process.env.MIGBENCH_SECRET_TEST_HOOK = `${SECRET}\n`;
  const { db } = await import("@/lib/db/client");
  const { createCampaignWithRuns } = await import("@/lib/db/campaigns");
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
      const launched = await createCampaignWithRuns({
        data: {
          name,
          testbedId: testbed.id,
          linkIds: [testbed.links[0].id],
          profileIds: [profile.id],
          iterations: 4,
          timeScale: 0,
        },
      });
      assert.ok(launched.ok);
      // This runner sends no webhooks: the test sends them with its own clock.
      await new Runner({ pollMs: 20, deliverWebhooks: false }).drain();
      return launched.value.id;
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

test("a delivery whose secret cannot be read, or whose receiver keeps failing, ends as failed with the reason", async () => {
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
    assert.ok((await queuePing({ testbedId: testbed.id, id: unreadable.id })).ok);
    assert.ok((await queuePing({ testbedId: testbed.id, id: failing.id })).ok);
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
