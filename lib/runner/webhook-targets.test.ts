import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { startWebhookReceiver } from "../../test-support/webhook-receiver";
import {
  allowPrivateTargets,
  allowSecretToTestReceivers,
  fakeLookup,
  queuePings,
} from "../../test-support/webhook-setup";

// Where a webhook may be sent: never to loopback, private or metadata addresses (unless
// MIGBENCH_WEBHOOK_ALLOW_PRIVATE, and never link-local), to the address that was checked, and with
// its signing secret only to the hosts the secret's owner listed.
withTestDatabase();
allowSecretToTestReceivers();

test("without MIGBENCH_WEBHOOK_ALLOW_PRIVATE a loopback receiver is never sent to, in any notation", async (t) => {
  const setAllowPrivate = allowPrivateTargets(t, false);
  const { retryDelayMs } = await import("@/lib/db/webhooks");
  const { deliverDueWebhooks } = await import("./webhooks");
  const hook = await startWebhookReceiver();
  try {
    const { port, pathname } = new URL(hook.url);
    const { testbedId, deliveries } = await queuePings("loopback hooks", [
      hook.url,
      `http://[::ffff:127.0.0.1]:${port}${pathname}`,
      `http://2130706433:${port}${pathname}`,
      `http://localhost.:${port}${pathname}`,
    ]);
    const { lookup, asked } = fakeLookup({ "localhost.": [["127.0.0.1"]] });
    let now = new Date();
    assert.equal(await deliverDueWebhooks({ testbedIds: [testbedId], now: () => now, lookup }), 4);
    const refused = await deliveries();
    const reasons = [
      /^Not sent: The URL's host 127\.0\.0\.1 is refused: loopback\. .*MIGBENCH_WEBHOOK_ALLOW_PRIVATE=1/,
      /^Not sent: The URL's host \[::ffff:7f00:1\] is refused: loopback\./,
      /^Not sent: The URL's host 127\.0\.0\.1 is refused: loopback\./,
      /^Not sent: The URL's host localhost\. is refused: loopback\./,
    ];
    for (const [i, reason] of reasons.entries()) assert.match(refused[i].lastError ?? "", reason);
    assert.ok(refused.every((d) => d.status === "pending" && d.lastStatusCode === null));
    assert.equal(hook.received.length, 0, "the receiver got nothing");
    assert.deepEqual(asked, [], "a refused URL is not even resolved");

    // The same URLs do reach it once a lab allows private addresses: the refusal is what stopped them.
    setAllowPrivate("1");
    now = new Date(now.getTime() + retryDelayMs(1) + 1);
    assert.equal(await deliverDueWebhooks({ testbedIds: [testbedId], now: () => now, lookup }), 4);
    assert.deepEqual(
      (await deliveries()).map((d) => d.status),
      ["delivered", "delivered", "delivered", "delivered"],
    );
    assert.equal(hook.received.length, 4);
    assert.deepEqual(asked, ["localhost."]);
  } finally {
    await hook.close();
  }
});

test("a name is refused when any address it resolves to is not public, and link-local always", async (t) => {
  const setAllowPrivate = allowPrivateTargets(t, false);
  const { deliverDueWebhooks } = await import("./webhooks");
  const { testbedId, deliveries } = await queuePings("resolved hooks", [
    "https://hooks.private.test/migbench",
    "https://hooks.mixed.test/migbench",
    "https://hooks.gone.test/migbench",
  ]);
  const { lookup, asked } = fakeLookup({
    "hooks.private.test": [["10.1.2.3"]],
    "hooks.mixed.test": [["93.184.216.34", "::ffff:192.168.1.20"]],
  });
  assert.equal(await deliverDueWebhooks({ testbedIds: [testbedId], lookup }), 3);
  assert.deepEqual(
    (await deliveries()).map((d) => d.lastError),
    [
      "Not sent: hooks.private.test (10.1.2.3) is refused: private. For lab receivers on private addresses, " +
        "set MIGBENCH_WEBHOOK_ALLOW_PRIVATE=1 for the app and its workers",
      "Not sent: hooks.mixed.test (::ffff:192.168.1.20) is refused: private. For lab receivers on private " +
        "addresses, set MIGBENCH_WEBHOOK_ALLOW_PRIVATE=1 for the app and its workers",
      "Not sent: hooks.gone.test could not be resolved (ENOTFOUND)",
    ],
  );
  assert.deepEqual(asked, ["hooks.private.test", "hooks.mixed.test", "hooks.gone.test"]);

  // A lab's switch does not open cloud metadata addresses.
  setAllowPrivate("1");
  const metadata = await queuePings("metadata hook", ["http://hooks.metadata.test/computeMetadata/v1/"]);
  const second = fakeLookup({ "hooks.metadata.test": [["10.0.0.1", "fd00::2", "169.254.169.254"]] });
  assert.equal(await deliverDueWebhooks({ testbedIds: [metadata.testbedId], lookup: second.lookup }), 1);
  assert.equal(
    (await metadata.deliveries())[0].lastError,
    "Not sent: hooks.metadata.test (169.254.169.254) is refused: link-local, never allowed for webhooks",
  );
});

test("the message goes to the address that was checked, under its name, resolved once per attempt", async (t) => {
  allowPrivateTargets(t, true);
  const { retryDelayMs } = await import("@/lib/db/webhooks");
  const { deliverDueWebhooks } = await import("./webhooks");
  // The first answer is a redirect: not followed, and not delivered.
  const hook = await startWebhookReceiver([307]);
  try {
    const { port } = new URL(hook.url);
    const { testbedId, deliveries } = await queuePings("pinned hook", [`http://hooks.pinned.test:${port}/x?y=1`]);
    // No DNS knows hooks.pinned.test: the receiver is reached only through the address that was checked.
    const { lookup, asked } = fakeLookup({ "hooks.pinned.test": [["127.0.0.1"], ["127.0.0.1"]] });
    let now = new Date();
    assert.equal(await deliverDueWebhooks({ testbedIds: [testbedId], now: () => now, lookup }), 1);
    let [delivery] = await deliveries();
    assert.equal(delivery.status, "pending");
    assert.equal(delivery.lastStatusCode, 307);
    assert.equal(delivery.lastError, "The receiver answered HTTP 307");
    assert.deepEqual(asked, ["hooks.pinned.test"]);

    now = new Date(now.getTime() + retryDelayMs(1) + 1);
    assert.equal(await deliverDueWebhooks({ testbedIds: [testbedId], now: () => now, lookup }), 1);
    [delivery] = await deliveries();
    assert.equal(delivery.status, "delivered");
    assert.equal(delivery.lastStatusCode, 204);
    assert.deepEqual(asked, ["hooks.pinned.test", "hooks.pinned.test"]);
    assert.equal(hook.received.length, 2);
    for (const message of hook.received) {
      assert.equal(message.headers.host, `hooks.pinned.test:${port}`);
      assert.equal(message.headers["x-migbench-event"], "ping");
    }
    assert.equal(JSON.parse(hook.received[1].body).event, "ping");
  } finally {
    await hook.close();
  }
});

test("a signing secret goes only to receivers its owner listed: another host gets nothing", async (t) => {
  allowPrivateTargets(t, true);
  const { deliverDueWebhooks } = await import("./webhooks");
  const hook = await startWebhookReceiver();
  process.env.MIGBENCH_SECRET_VC_PASSWORD_ELSEWHERE = "the vCenter's password";
  process.env.MIGBENCH_SECRET_VC_PASSWORD_ELSEWHERE_HOSTS = "vc01.lab.example";
  try {
    const { testbedId, deliveries } = await queuePings("stolen secret", [hook.url]);
    const { db } = await import("@/lib/db/client");
    await db.webhook.updateMany({
      where: { testbedId },
      data: { secretRef: "env:MIGBENCH_SECRET_VC_PASSWORD_ELSEWHERE" },
    });
    assert.equal(await deliverDueWebhooks({ testbedIds: [testbedId] }), 1);
    assert.equal(
      (await deliveries())[0].lastError,
      "Not sent: The secret env:MIGBENCH_SECRET_VC_PASSWORD_ELSEWHERE may not be sent to 127.0.0.1: its hosts are " +
        'vc01.lab.example (MIGBENCH_SECRET_VC_PASSWORD_ELSEWHERE_HOSTS (e.g. "vc01.lab,vc02.lab"))',
    );
    assert.equal(hook.received.length, 0, "no message signed with it was sent");
  } finally {
    delete process.env.MIGBENCH_SECRET_VC_PASSWORD_ELSEWHERE;
    delete process.env.MIGBENCH_SECRET_VC_PASSWORD_ELSEWHERE_HOSTS;
    await hook.close();
  }
});
