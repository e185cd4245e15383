import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "./migrate";
import { createPrismaClient } from "../client";
import { seedReferenceData } from "./seed";

test("migrations apply to a fresh SQLite file and seeding twice duplicates nothing", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-seed-"));
  const url = `file:${path.join(dir, "test.db")}`;
  try {
    const applied = await applyMigrations(url);
    assert.ok(applied.length >= 1, "the initial migration is applied");
    assert.deepEqual(await applyMigrations(url), [], "a second apply finds nothing pending");

    const db = createPrismaClient(url);
    try {
      const first = await seedReferenceData(db);
      assert.equal(first.createdRuns, 4);
      const second = await seedReferenceData(db);
      assert.equal(second.createdRuns, 0);
      assert.equal(second.campaignId, first.campaignId);

      assert.equal(await db.testbed.count(), 3, "the published testbed, its simulated replica, local QEMU");
      assert.equal(await db.link.count(), 6);
      assert.equal(
        await db.vmProfile.count(),
        18,
        "whitepaper: 4 configurations × 3 workloads; local QEMU: 2 sizes × 3",
      );
      assert.equal(await db.campaign.count(), 1);

      const runs = await db.run.findMany({ include: { link: true, profile: true }, orderBy: { durationMs: "asc" } });
      assert.deepEqual(
        runs.map((r) => [
          r.link.lineRateGbps,
          r.profile.workload,
          r.durationMs,
          r.throughputGbps,
          (r.transferredBytes! * 8) / 1e9,
        ]),
        [
          [40, "once", 7465, 19.87, 145.17],
          [40, "continuous", 10440, 17.67, 179.15],
          [10, "once", 16650, 8.78, 145.45],
          [10, "continuous", 38930, 8.43, 328.58],
        ],
      );
      assert.ok(runs.every((r) => r.adapter === "imported" && r.status === "succeeded"));
    } finally {
      await db.$disconnect();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
