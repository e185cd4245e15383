import { test } from "node:test";
import assert from "node:assert/strict";
import { settingsFigures } from "./settings-figures";

test("what the settings did, from the simulator's figures and from QEMU's per-VM statistics", () => {
  assert.deepEqual(
    settingsFigures({ model: "pre-copy", maxThrottlePct: 50, postcopySwitchAtMs: null, xbzrleHitRatio: 0.5 }),
    [
      { label: "Highest vCPU throttle", value: "50%" },
      { label: "XBZRLE cache hit ratio", value: "50%" },
    ],
  );
  const qemu = settingsFigures({
    vms: [
      {
        maxThrottlePct: 0,
        postcopySwitchAtMs: 3979,
        postcopyBytes: 251_535_059,
        multifdBytes: 0,
        xbzrleCache: { pages: 1200, "cache-miss": 30 },
      },
    ],
  });
  assert.deepEqual(
    qemu.map((f) => f.label),
    ["Switched to post-copy at", "Sent after the switch", "XBZRLE"],
  );
  assert.match(qemu[1].value, /GB|MB/);
  assert.equal(qemu[2].value, "1,200 pages sent as deltas, 30 cache misses");
  // Plain runs, imports and anything unrecognised show nothing.
  assert.deepEqual(settingsFigures({ model: "pre-copy", maxThrottlePct: null }), []);
  assert.deepEqual(settingsFigures("not json"), []);
  assert.deepEqual(settingsFigures({ importedFrom: "paper" }), []);
});
