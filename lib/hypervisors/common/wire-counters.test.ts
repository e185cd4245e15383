import { test } from "node:test";
import assert from "node:assert/strict";
import { interfaceProblem, startWireCount, withWire } from "./wire-counters";
import { offLinkText, wireVerdict } from "@/lib/model/wire";

test("a run that carried under 90% of its reported bytes over its link did not use it", () => {
  assert.equal(wireVerdict(268e6, 268e6), "on-link");
  assert.equal(wireVerdict(0.91e9, 1e9), "on-link");
  assert.equal(wireVerdict(0.5e9, 1e9), "off-link");
  assert.equal(wireVerdict(null, 1e9), null);
  assert.equal(wireVerdict(1e9, null), null);
  assert.equal(wireVerdict(NaN, 1e9), null);
  assert.equal(wireVerdict(-5, 1e9), null);
  assert.match(offLinkText("40GbE"), /did not use link 40GbE/);
});

test("counters that cannot be read say why, and never throw", async () => {
  assert.match((await interfaceProblem({ iface: "nosuch0" }))!, /interface nosuch0 does not exist on this machine/);
  assert.match((await interfaceProblem({ iface: "../etc" }))!, /is not an interface name/);
  assert.match((await interfaceProblem({ iface: "lo", netns: "-x" }))!, /not a network namespace name/);
  assert.equal(await interfaceProblem({ iface: "lo" }), null);
  const count = await startWireCount({ source: { iface: "nosuch0" }, destination: { why: "the host is remote" } });
  const reading = await count.finish();
  assert.equal(reading.wireBytes, null);
  assert.match(reading.why!, /nosuch0 does not exist.*the host is remote/);
  // A failed run keeps its reason; the reading goes into its raw statistics only.
  const failed = withWire({ status: "failed", reason: "boom", rawStats: { a: 1 } }, reading);
  assert.deepEqual(failed.status === "failed" && failed.rawStats, { a: 1, wire: reading });
});

test("loopback's own counters count what crosses it", async () => {
  const net = await import("node:net");
  const server = net.createServer((s) => s.resume()).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const count = await startWireCount({ source: { iface: "lo" }, destination: { iface: "lo" } });
  const socket = net.connect((server.address() as { port: number }).port, "127.0.0.1");
  await new Promise<void>((done) => socket.end(Buffer.alloc(4_000_000), () => done()));
  await new Promise((r) => socket.once("close", r));
  const reading = await count.finish();
  server.close();
  assert.ok(reading.wireBytes! >= 4_000_000, `lo counted ${reading.wireBytes} B for 4 MB sent`);
});
