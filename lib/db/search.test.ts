import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks } from "../../test-support/db-fixtures";

// The pickers and the audit filter find names whatever their case, on SQLite and on PostgreSQL alike.
withTestDatabase();

test("search by part of a name ignores case", async () => {
  const { db } = await import("./client");
  const { searchEntities } = await import("./search");
  await createTestbedWithLinks(db, { name: "Rack A ESXi" });
  await createTestbedWithLinks(db, { name: "rack b kvm" });
  await createTestbedWithLinks(db, { name: "Lab C" });
  const found = await searchEntities({ kind: "testbed", q: "RACK" });
  assert.deepEqual(
    found.map((f) => f.name),
    ["Rack A ESXi", "rack b kvm"],
  );
  const { recordAudit, listAuditEvents } = await import("./audit");
  await recordAudit(
    { actorType: "user", actorId: "u1", actorLabel: "Ops@Lab.example" },
    { action: "x.y", summary: "s" },
  );
  const page = await listAuditEvents({ filter: { actor: "ops@lab" } });
  assert.equal(page.items.length, 1);
});
