import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks } from "../../test-support/db-fixtures";
import { METRIC_KEYS } from "@/lib/model/metrics";

// A campaign's export is written by a raw query of its own: every metric of the registry must be in it.
withTestDatabase();

test("a campaign's export carries every metric of the registry, wireBytes included", async () => {
  const { db } = await import("./client");
  const { iterateCampaignRunsForExport } = await import("./export-runs");
  const { exportRow, RUN_COLUMNS } = await import("@/lib/export/runs");
  const tb = await createTestbedWithLinks(db, { name: "export metrics" });
  const profile = await db.vmProfile.create({
    data: { name: "export metrics", memoryBytes: 2 ** 30, workload: "once" },
  });
  const campaign = await db.campaign.create({ data: { name: "export metrics", testbedId: tb.id } });
  const values = Object.fromEntries(METRIC_KEYS.map((k, i) => [k, 1000 + i]));
  await db.run.create({
    data: {
      campaignId: campaign.id,
      linkId: tb.links[0].id,
      profileId: profile.id,
      status: "succeeded",
      adapter: "libvirt",
      ...values,
    },
  });
  const rows = [];
  for await (const page of iterateCampaignRunsForExport({ campaignId: campaign.id }))
    rows.push(
      ...page.runs.map((r) => exportRow(r, page.campaign, page.links.get(r.linkId)!, page.profiles.get(r.profileId)!)),
    );
  assert.equal(rows.length, 1);
  for (const k of METRIC_KEYS) {
    assert.ok(RUN_COLUMNS.includes(k as (typeof RUN_COLUMNS)[number]), `${k} is an export column`);
    assert.equal(Number(rows[0][k]), values[k], `${k} exported`);
  }
});
