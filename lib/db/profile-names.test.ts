import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { TEST_DB_KIND, withTestDatabase } from "@/test-support/test-database";

withTestDatabase();
const MIGRATION = "20261126102809_whitepaper_names_and_notes";

test("the whitepaper profiles are renamed to GiB, except where a user already took the new name", async () => {
  const { db } = await import("./client");
  const profile = (name: string) =>
    db.vmProfile.create({ data: { name, memoryBytes: 16 * 2 ** 30, vcpuCount: 1, vmCount: 1, workload: "once" } });
  // As a database from before the rename holds them.
  await db.vmProfile.deleteMany({ where: { name: { contains: " × " } } });
  const once = await profile("1 × 16 GB · once");
  await profile("1 × 64 GB · once");
  await profile("1 × 64 GiB · once");
  const folder = TEST_DB_KIND === "postgresql" ? "migrations-postgresql" : "migrations";
  const sql = fs.readFileSync(path.join(__dirname, "..", "..", "prisma", folder, MIGRATION, "migration.sql"), "utf8");
  for (const statement of sql.split(";\n").filter((s) => s.includes("UPDATE"))) await db.$executeRawUnsafe(statement);
  const names = (await db.vmProfile.findMany({ where: { name: { contains: " × " } }, orderBy: { name: "asc" } })).map(
    (p) => p.name,
  );
  assert.deepEqual(names, ["1 × 16 GiB · once", "1 × 64 GB · once", "1 × 64 GiB · once"]);
  // The same row: its runs and campaigns keep pointing at it.
  assert.equal((await db.vmProfile.findUnique({ where: { name: "1 × 16 GiB · once" } }))!.id, once.id);
});
