import { test } from "node:test";
import assert from "node:assert/strict";
import { campaignDowntimeLimitMs } from "./downtime-limit";
import { DEFAULT_SETTINGS } from "@/lib/model/migration-settings";

test("the downtime limit a campaign's runs had: the variants', else the testbed's, else none", () => {
  const plain = [DEFAULT_SETTINGS];
  assert.equal(campaignDowntimeLimitMs("qemu", JSON.stringify({ downtimeLimitMs: 250 }), plain), 250);
  assert.equal(campaignDowntimeLimitMs("qemu", "{}", plain), 300);
  assert.equal(campaignDowntimeLimitMs("qemu", "not json", plain), 300);
  assert.equal(campaignDowntimeLimitMs("libvirt", "{}", plain), 300);
  assert.equal(campaignDowntimeLimitMs("simulator", "{}", plain), 500);
  assert.equal(campaignDowntimeLimitMs("vsphere", "{}", plain), null);
  // Every variant with its own 100 ms: that; variants that differ: no single line.
  const tight = { ...DEFAULT_SETTINGS, downtimeLimitMs: 100 };
  assert.equal(campaignDowntimeLimitMs("qemu", "{}", [tight, tight]), 100);
  assert.equal(campaignDowntimeLimitMs("qemu", "{}", [tight, DEFAULT_SETTINGS]), null);
});
