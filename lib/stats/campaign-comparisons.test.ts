import { test } from "node:test";
import assert from "node:assert/strict";
import { campaignComparisons } from "./campaign-comparisons";
import { compareParamsSchema, queryToRecord } from "@/lib/schemas/compare";

const links = [
  { id: 1, name: "10GbE" },
  { id: 2, name: "40GbE" },
];

test("a campaign offers link against link, variant against variant and its baseline, never itself", () => {
  const offers = campaignComparisons({
    campaignId: 7,
    links,
    variantLabels: ["Pre-copy", "post-copy"],
    series: [{ linkName: "10GbE", profileName: "16 GiB once", compareQuery: "b=runs:3.5&c=campaign:7%2Blink:1" }],
  });
  assert.deepEqual(
    offers.map((o) => o.label),
    ["40GbE against 10GbE", "post-copy against Pre-copy", "16 GiB once · 10GbE against its baseline"],
  );
  const parsed = offers.map((o) => compareParamsSchema.parse(queryToRecord(o.href.replace(/^\/compare\?/, ""))));
  // Link against link: the same campaign, one link a side (the slower as the baseline).
  assert.deepEqual(parsed[0].b, [
    { kind: "campaign", ids: [7] },
    { kind: "link", ids: [1] },
  ]);
  assert.deepEqual(parsed[0].c, [
    { kind: "campaign", ids: [7] },
    { kind: "link", ids: [2] },
  ]);
  assert.equal(parsed[1].bv, "Pre-copy");
  assert.equal(parsed[1].cv, "post-copy");
  assert.equal(parsed[1].group, "workload-rate", "variants compared per link rate, not pooled over links");
  assert.deepEqual(parsed[2].b, [{ kind: "runs", ids: [3, 5] }]);
  for (const p of parsed) assert.notDeepEqual([p.b, p.bv], [p.c, p.cv], "never the campaign against itself");
});

test("one link, one variant and no baseline: nothing to offer", () => {
  assert.deepEqual(
    campaignComparisons({ campaignId: 7, links: [links[0]], variantLabels: ["Pre-copy"], series: [] }),
    [],
  );
});

test("many series judged: the baseline offer is their list on the page", () => {
  const series = Array.from({ length: 5 }, (_, i) => ({
    linkName: `l${i}`,
    profileName: "p",
    compareQuery: "b=runs:1",
  }));
  const offers = campaignComparisons({ campaignId: 7, links: [], variantLabels: ["Pre-copy"], series });
  assert.deepEqual(
    offers.map((o) => o.href),
    ["#baseline"],
  );
});
