import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";

// The database's refusals, on a real SQLite file, become the messages users read.
withTestDatabase();

test("a taken name, a vanished row and a row still referenced are refused with their messages", async () => {
  const testbeds = await import("./testbeds");
  const links = await import("./links");
  const { db } = await import("./client");
  const data = { name: "rig", hypervisor: "simulator", sourceHost: "a", destinationHost: "b" };
  const first = await testbeds.createTestbed({ data: data as never });
  assert.ok(first.ok);
  const again = await testbeds.createTestbed({ data: data as never });
  assert.deepEqual(again, {
    ok: false,
    message: 'A testbed named "rig" already exists; choose another name',
    field: "name",
  });

  assert.deepEqual(await testbeds.updateTestbed({ id: 999_999, data: { ...data, name: "other" } as never }), {
    ok: false,
    message: "This testbed no longer exists",
  });
  assert.deepEqual(await links.deleteLink({ id: 999_999 }), { ok: false, message: "This link no longer exists" });

  const orphan = await links.createLink({ data: { testbedId: 999_999, name: "10GbE", lineRateGbps: 10 } as never });
  assert.deepEqual(orphan, { ok: false, message: "The testbed for this link no longer exists" });
  assert.equal(await db.link.count(), 0);
});
