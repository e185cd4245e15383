import { test } from "node:test";
import assert from "node:assert/strict";
import { campaignDowntimeLimitMs, testbedDowntimeLimitMs } from "./downtime-limit";
import { DEFAULT_SETTINGS } from "@/lib/model/migration-settings";

test("the downtime limit a campaign's runs had: the variants', else the testbed's, else none", () => {
  const plain = [DEFAULT_SETTINGS];
  assert.equal(
    campaignDowntimeLimitMs(testbedDowntimeLimitMs("qemu", JSON.stringify({ downtimeLimitMs: 250 })), plain),
    250,
  );
  assert.equal(campaignDowntimeLimitMs(testbedDowntimeLimitMs("qemu", "{}"), plain), 300);
  assert.equal(campaignDowntimeLimitMs(testbedDowntimeLimitMs("qemu", "not json"), plain), 300);
  assert.equal(campaignDowntimeLimitMs(testbedDowntimeLimitMs("libvirt", "{}"), plain), 300);
  assert.equal(campaignDowntimeLimitMs(testbedDowntimeLimitMs("simulator", "{}"), plain), 500);
  assert.equal(campaignDowntimeLimitMs(testbedDowntimeLimitMs("vsphere", "{}"), plain), null);
  // Every variant with its own 100 ms: that; variants that differ: no single line.
  const tight = { ...DEFAULT_SETTINGS, downtimeLimitMs: 100 };
  assert.equal(campaignDowntimeLimitMs(300, [tight, tight]), 100);
  assert.equal(campaignDowntimeLimitMs(300, [tight, DEFAULT_SETTINGS]), null);
});
