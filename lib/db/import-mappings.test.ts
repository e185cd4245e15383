import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { importCsvRowSchema } from "@/lib/schemas/import";
import { saveImportMappingSchema } from "@/lib/schemas/import-mapping";
import { guessMapping } from "@/lib/import/mapping";

withTestDatabase();

/** A testbed with the seeded whitepaper's two links, and the profile its rows name. */
async function whitepaperTestbed(name: string) {
  const { db } = await import("./client");
  const testbed = await db.testbed.create({
    data: { name, hypervisor: "simulator", sourceHost: "a", destinationHost: "b" },
  });
  await db.link.create({ data: { testbedId: testbed.id, name: "10GbE ConnectX-2", lineRateGbps: 10 } });
  await db.link.create({
    data: { testbedId: testbed.id, name: "40GbE ConnectX-2 (bus 27)", lineRateGbps: 40, busLimitGbps: 27 },
  });
  await db.vmProfile.upsert({
    where: { name: "1 × 16 GiB · once" },
    create: { name: "1 × 16 GiB · once", memoryBytes: 16 * 2 ** 30, vcpuCount: 1, vmCount: 1, workload: "once" },
    update: {},
  });
  return testbed;
}

const row = (link: string, lineRateGbps: string, busLimitGbps = "") =>
  importCsvRowSchema.parse({
    link,
    lineRateGbps,
    busLimitGbps,
    profile: "1 × 16 GiB · once",
    memoryBytes: String(16 * 2 ** 30),
    workload: "once",
    durationMs: "7465",
  });

test("an import by a non-admin that names a missing link is refused per row, and writes nothing", async () => {
  const { db } = await import("./client");
  const { checkImportConflicts, importRuns } = await import("./imports");
  const testbed = await whitepaperTestbed("refusing lab");
  const rows = [row("40GbE ConnectX-2 (bus 27)", "40", "27"), row("40GbE", "40")];
  const asOperator = await checkImportConflicts({ testbedId: testbed.id, rows, canCreate: false });
  assert.deepEqual(asOperator.errors, [
    {
      row: 2,
      messages: [
        `link "40GbE" is not on this testbed, and only an admin may add a link through an import: map it to one of the testbed's links`,
      ],
    },
  ]);
  assert.deepEqual(asOperator.creates, { links: ["40GbE"], profiles: [] });
  // The existing link with its bus limit is found as it is; an admin's check names what would be added.
  assert.deepEqual((await checkImportConflicts({ testbedId: testbed.id, rows, canCreate: true })).errors, []);

  const before = { links: await db.link.count(), campaigns: await db.campaign.count(), runs: await db.run.count() };
  const refused = await importRuns({ testbedId: testbed.id, name: "sneaky", source: "s", rows, canCreate: false });
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.message : "", /only an admin may add a link/);
  assert.deepEqual(
    { links: await db.link.count(), campaigns: await db.campaign.count(), runs: await db.run.count() },
    before,
  );
  // Onto existing links only, a non-admin's import goes in and creates nothing.
  const ok = await importRuns({ testbedId: testbed.id, name: "fine", source: "s", rows: [rows[0]], canCreate: false });
  assert.ok(ok.ok);
  assert.deepEqual(ok.ok && [ok.value.createdLinks, ok.value.createdProfiles], [[], []]);
});

test("a saved mapping is one per testbed and source, replaced when saved again", async () => {
  const { getImportMapping, saveImportMapping } = await import("./import-mappings");
  const a = await whitepaperTestbed("mapping lab a");
  const b = await whitepaperTestbed("mapping lab b");
  const header = ["Method", "Time (Sec)"];
  const mapping = guessMapping(header, [["Once (10GE)", "16.65"]]);
  const input = (testbedId: number, source: string, linkId: number) =>
    saveImportMappingSchema.parse({
      testbedId,
      source,
      header,
      mapping: { ...mapping, links: { "Once (10GE)": { kind: "existing", linkId } } },
    });
  const { db } = await import("./client");
  const [ten, forty] = await db.link.findMany({ where: { testbedId: a.id }, orderBy: { id: "asc" } });
  const first = await saveImportMapping(input(a.id, "Mellanox paper", ten.id));
  assert.deepEqual(first.ok && first.value.created, true);
  const again = await saveImportMapping(input(a.id, " Mellanox   paper", forty.id));
  assert.deepEqual(again.ok && again.value.created, false);
  const saved = await getImportMapping({ testbedId: a.id, source: "Mellanox paper" });
  assert.deepEqual(saved?.mapping.links, { "Once (10GE)": { kind: "existing", linkId: forty.id } });
  // Another testbed's link is not one this testbed's values can map onto.
  const [foreign] = await db.link.findMany({ where: { testbedId: b.id } });
  const crossed = await saveImportMapping(input(a.id, "Mellanox paper", foreign.id));
  assert.deepEqual(!crossed.ok && crossed.field, "mapping");
  assert.deepEqual((await getImportMapping({ testbedId: a.id, source: "Mellanox paper" }))?.mapping.links, {
    "Once (10GE)": { kind: "existing", linkId: forty.id },
  });
  assert.deepEqual(saved?.header, header);
  // Another testbed, or another source, has none.
  assert.equal(await getImportMapping({ testbedId: b.id, source: "Mellanox paper" }), null);
  assert.equal(await getImportMapping({ testbedId: a.id, source: "another paper" }), null);
  // A testbed that does not exist is refused at its field.
  const missing = await saveImportMapping(input(999_999, "Mellanox paper", 1));
  assert.deepEqual(!missing.ok && missing.field, "testbedId");
});
