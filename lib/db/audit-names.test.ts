import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks } from "../../test-support/db-fixtures";

withTestDatabase();

test("audit targets are named as they are now, and deleted ones by their id", async () => {
  const { db } = await import("./client");
  const { resolveAuditTargets, describeAuditDetails } = await import("./audit-names");
  const tb = await createTestbedWithLinks(db, { name: "Lab A" });
  const profile = await db.vmProfile.create({ data: { name: "16 GiB idle", memoryBytes: 2 ** 34, workload: "idle" } });
  const campaign = await db.campaign.create({ data: { name: "Nightly", testbedId: tb.id } });
  const entries = [
    { targetType: "campaign", targetId: String(campaign.id), detailsJson: null },
    {
      targetType: "campaign",
      targetId: "99999",
      detailsJson: JSON.stringify({
        testbedId: tb.id,
        linkIds: [tb.links[0].id, 88888],
        profileIds: [profile.id],
        iterations: 3,
      }),
    },
    { targetType: "profile", targetId: String(profile.id), detailsJson: null },
    { targetType: "schedule", targetId: "4242", detailsJson: null },
    { targetType: "request", targetId: "POST /api/x", detailsJson: null },
  ];
  const targets = await resolveAuditTargets(entries);
  assert.deepEqual(targets.get(`campaign:${campaign.id}`), {
    label: "Nightly",
    href: `/campaigns/${campaign.id}`,
    deleted: false,
  });
  assert.deepEqual(targets.get("campaign:99999"), { label: "campaign #99999 (deleted)", href: null, deleted: true });
  assert.equal(targets.get("schedule:4242")?.label, "schedule #4242 (deleted)");
  assert.equal(targets.get(`profile:${profile.id}`)?.label, "16 GiB idle");
  assert.equal(targets.has("request:POST /api/x"), false);
  // Renamed since: the log's "About" follows the record.
  await db.vmProfile.update({ where: { id: profile.id }, data: { name: "16 GiB idle (renamed)" } });
  assert.equal((await resolveAuditTargets(entries)).get(`profile:${profile.id}`)?.label, "16 GiB idle (renamed)");
  assert.equal(
    describeAuditDetails(entries[1].detailsJson, targets),
    `testbed Lab A; links ${tb.links[0].name} (Lab A), link #88888 (deleted); VM profiles 16 GiB idle; iterations: 3`,
  );
  assert.equal(describeAuditDetails('{"role":"admin"}', targets), "role: admin");
  assert.equal(describeAuditDetails("not json", targets), "not json");
});
