import { test } from "node:test";
import assert from "node:assert/strict";
import { compactName, matchName } from "./name-match";

const profiles = [
  { id: 1, name: "1 × 16 GiB · once" },
  { id: 2, name: "1 × 16 GiB · continuous" },
  { id: 3, name: "8 × 2 GiB · once" },
];
const links = [
  { id: 10, name: "10GbE (simulated)" },
  { id: 11, name: "40GbE (simulated, PCIe Gen2 x8 ~27 Gb/s)" },
];

test("names match without their case, spacing and punctuation, × typed as x", () => {
  assert.equal(compactName("1 × 16 GiB · once"), compactName("1x16 gib once"));
  assert.deepEqual(matchName(profiles, "1 x 16 GiB once"), { match: profiles[0] });
  assert.deepEqual(matchName(profiles, "1×16GiB·once"), { match: profiles[0] });
  assert.deepEqual(matchName(links, "40GbE (simulated, PCIe Gen2 x8 ~27 Gb/s)"), { match: links[1] });
  assert.deepEqual(matchName(links, "10gbe simulated"), { match: links[0] });
});

test("a name that matches nothing suggests the nearest, and nothing far", () => {
  assert.deepEqual((matchName(profiles, "1 x 16 GiB onse") as { suggestions: unknown[] }).suggestions[0], profiles[0]);
  assert.deepEqual(
    (matchName(profiles, "16 GiB") as { suggestions: unknown[] }).suggestions,
    [profiles[1], profiles[0]],
    "names containing what was typed come first",
  );
  assert.deepEqual(matchName(links, "100GbE over InfiniBand"), { suggestions: [] });
  assert.deepEqual(matchName([...links, { id: 12, name: "10gbe-simulated" }], "10GbE simulated"), {
    ambiguous: [links[0], { id: 12, name: "10gbe-simulated" }],
  });
});
