import { test } from "node:test";
import assert from "node:assert/strict";
import { rawStatsFor } from "./visibility";

test("a run's raw statistics keep where its link runs from viewers: the bytes stay, interfaces and vmknics go", () => {
  const raw = {
    guest: { mode: "once" },
    wire: {
      wireBytes: 268e6,
      source: { iface: "ens1f0", netns: "lab-a", txBytes: 268e6, rxBytes: 2e5 },
      destination: { why: "interface ens1f1 does not exist in network namespace lab-b" },
    },
    vmotionVmknics: { source: "vmk1", destination: "vmk1" },
    vmotionSelection: [{ host: "esx-01", before: ["vmk0"] }],
    vmotionSelectionRestored: true,
  };
  assert.deepEqual(rawStatsFor(raw, "operator"), raw);
  const seen = rawStatsFor(raw, "viewer");
  const text = JSON.stringify(seen);
  for (const hidden of ["ens1f0", "ens1f1", "lab-a", "lab-b", "vmk1", "esx-01"])
    assert.ok(!text.includes(hidden), hidden);
  assert.deepEqual((seen as { wire: unknown }).wire, {
    wireBytes: 268e6,
    source: { txBytes: 268e6, rxBytes: 2e5 },
    destination: { why: "an operator sees why" },
  });
  assert.equal((seen as { vmotionSelectionRestored: boolean }).vmotionSelectionRestored, true);
  assert.equal(rawStatsFor(null, null), null);
});
