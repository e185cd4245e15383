import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks } from "../../test-support/db-fixtures";

// What GET /metrics and GET /api/health count, on a real database with runs of known durations.
withTestDatabase();

test("metrics count runs by status, the queue, lease losses and duration histograms per adapter, in Prometheus text", async () => {
  const { db } = await import("./client");
  const { metricsSnapshot } = await import("./metrics");
  const { healthSummary } = await import("@/lib/http/health");
  const { prometheusText } = await import("@/lib/http/prometheus");
  const testbed = await createTestbedWithLinks(db, { name: "metered" });
  const profile = await db.vmProfile.create({ data: { name: "metered 1 GB", memoryBytes: 2 ** 30, workload: "idle" } });
  const campaign = await db.campaign.create({
    data: { name: "m", testbedId: testbed.id, iterations: 1, timeScale: 0 },
  });
  const run = (status: string, adapter: string, durationMs: number | null, createdAt = new Date()) =>
    db.run.create({
      data: {
        campaignId: campaign.id,
        linkId: testbed.links[0].id,
        profileId: profile.id,
        status,
        adapter,
        durationMs,
        createdAt,
      },
    });
  for (const ms of [800, 4_000, 45_000]) await run("succeeded", "qemu", ms);
  await run("succeeded", "simulator", 2_000);
  await run("failed", "qemu", null);
  const now = new Date();
  await run("queued", "qemu", null, new Date(now.getTime() - 90_000));
  await run("queued", "qemu", null);
  await db.worker.create({ data: { id: "h:1:a", host: "h", pid: 1, leasesLost: 3, lastSeenAt: now } });
  await db.worker.create({ data: { id: "h:2:b", host: "h", pid: 2, leasesLost: 2, stoppedAt: now } });

  const m = await metricsSnapshot({ liveSince: new Date(now.getTime() - 15_000), now });
  assert.deepEqual(Object.fromEntries(m.runsByStatus.map((r) => [r.status, r.count])), {
    failed: 1,
    queued: 2,
    succeeded: 4,
  });
  assert.equal(m.queue.depth, 2);
  assert.ok(m.queue.oldestAgeSeconds! >= 90 && m.queue.oldestAgeSeconds! < 120);
  assert.equal(m.workersLive, 1);
  assert.equal(m.leasesLost, 5, "over every worker, stopped ones too");
  const qemu = m.durations.find((d) => d.adapter === "qemu")!;
  assert.equal(qemu.count, 3);
  assert.equal(qemu.sumSeconds, 49.8);
  // Cumulative buckets: ≤1 s, ≤5 s, ≤10 s, ≤30 s, ≤60 s …
  assert.deepEqual(qemu.buckets.slice(0, 5), [1, 2, 2, 2, 3]);

  const text = prometheusText(m);
  assert.match(text, /^# HELP migbench_runs /m);
  assert.match(text, /^migbench_runs\{status="queued"\} 2$/m);
  assert.match(text, /^migbench_lease_losses_total 5$/m);
  assert.match(text, /^# TYPE migbench_migration_duration_seconds histogram$/m);
  assert.match(text, /^migbench_migration_duration_seconds_bucket\{adapter="qemu",le="5"\} 2$/m);
  assert.match(text, /^migbench_migration_duration_seconds_bucket\{adapter="qemu",le="\+Inf"\} 3$/m);
  assert.match(text, /^migbench_migration_duration_seconds_count\{adapter="simulator"\} 1$/m);
  assert.ok(text.endsWith("\n"));

  const health = await healthSummary(now);
  assert.equal(health.database.reachable, true);
  assert.equal(health.migrations?.current, true);
  assert.equal(health.queue?.depth, 2);
  assert.deepEqual(health.workers, { live: 1, servingAll: 1, byTestbed: [] });
  assert.equal(health.status, "ok");
});
