import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { clientAddressOf, normaliseAddress, socketPeer, trustedProxies } from "./client-address";

afterEach(() => {
  delete globalThis.__migbenchPeerKey;
});

const stamped = (peer: string, extra: Record<string, string> = {}) =>
  new Headers({ "x-migbench-peer": `key-1 ${peer}`, ...extra });

test("without a trusted proxy the socket's peer is the client, whatever X-Forwarded-For says", () => {
  globalThis.__migbenchPeerKey = "key-1";
  const h = stamped("::ffff:192.0.2.10", { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" });
  assert.equal(clientAddressOf(h, trustedProxies("")), "192.0.2.10");
});

test("a peer stamp the server did not write is ignored: a client cannot name its own address", () => {
  globalThis.__migbenchPeerKey = "key-1";
  assert.equal(socketPeer(new Headers({ "x-migbench-peer": "guessed 6.6.6.6" })), null);
  assert.equal(socketPeer(new Headers({ "x-forwarded-for": "6.6.6.6" })), null);
  delete globalThis.__migbenchPeerKey;
  assert.equal(socketPeer(stamped("192.0.2.10")), null, "no key: not started by bin/serve.mjs");
});

test("behind trusted proxies, the nearest untrusted address in X-Forwarded-For is the client", () => {
  globalThis.__migbenchPeerKey = "key-1";
  const trusted = trustedProxies("10.0.0.0/8, 2001:db8::1, not-an-address, 192.168.0.0/99");
  // A client's own X-Forwarded-For entries come first; the proxy appends the address it saw.
  const h = stamped("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.1.1.1" });
  assert.equal(clientAddressOf(h, trusted), "203.0.113.7");
  assert.equal(clientAddressOf(stamped("10.0.0.2"), trusted), "10.0.0.2", "no header: the proxy itself");
  assert.equal(clientAddressOf(stamped("10.0.0.2", { "x-forwarded-for": "junk" }), trusted), "10.0.0.2");
  assert.equal(clientAddressOf(stamped("2001:db8::1", { "x-forwarded-for": "[2001:db8::7]" }), trusted), "2001:db8::7");
  assert.equal(clientAddressOf(stamped("192.168.1.1", { "x-forwarded-for": "6.6.6.6" }), trusted), "192.168.1.1");
  assert.equal(normaliseAddress("::FFFF:10.0.0.1"), "10.0.0.1");
  assert.equal(normaliseAddress("6.6.6.6\n"), "6.6.6.6");
  assert.equal(normaliseAddress("evil"), null);
});
