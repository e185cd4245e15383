import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { guestPauseMs, openHeartbeatStream } from "./heartbeat";

test("the pause is the source's last heartbeat to the destination's first; unknown without both", () => {
  assert.equal(guestPauseMs({ lastMs: 1_000 }, { firstMs: 1_107.5 }), 107.5);
  assert.equal(guestPauseMs({ lastMs: null }, { firstMs: 1_107 }), null, "the source never beat");
  assert.equal(guestPauseMs({ lastMs: 1_000 }, { firstMs: null }), null, "the destination never resumed");
  assert.equal(guestPauseMs({ lastMs: 1_000 }, { firstMs: 990 }), null, "an impossible order is not a pause");
});

test("a serial socket's heartbeats are counted and stamped; markers are not heartbeats; close leaves nothing open", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-heartbeat-test-"));
  const socketPath = path.join(dir, "serial.sock");
  const clients: net.Socket[] = [];
  const server = net.createServer((c) => clients.push(c));
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  try {
    const stream = await openHeartbeatStream(socketPath);
    assert.deepEqual([stream.count, stream.firstMs, stream.lastMs], [0, null, null]);
    // Nothing beats yet: waiting gives up with null.
    assert.equal(await stream.nextBeat(0, 50), null);
    while (!clients.length) await new Promise((r) => setImmediate(r));
    const first = stream.nextBeat(0, 5_000);
    clients[0].write("A...D..");
    const firstAt = await first;
    assert.ok(firstAt !== null && firstAt === stream.firstMs);
    while (stream.count < 5) await new Promise((r) => setImmediate(r));
    assert.equal(stream.count, 5, "'A' and 'D' are markers, the five dots heartbeats");
    const later = performance.now();
    const next = stream.nextBeat(later, 5_000);
    clients[0].write(".");
    const nextAt = await next;
    assert.ok(nextAt !== null && nextAt >= later && stream.lastMs === nextAt);
    assert.equal(stream.count, 6);
    const closed = new Promise((resolve) => clients[0].once("close", resolve));
    await stream.close();
    await closed;
  } finally {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a socket nobody listens on is an error, not a hang", async () => {
  await assert.rejects(openHeartbeatStream(path.join(os.tmpdir(), "migbench-no-such-serial.sock")), /ENOENT/);
});
