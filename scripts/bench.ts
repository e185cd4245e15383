/**
 * Benchmarks (figures, not pass/fail): npm run bench
 *  1. simulated runs per second of the pre-copy model alone;
 *  2. wall time from launch to all results stored, 100-run campaign, accelerated mode, on SQLite;
 *  3. database rows written per second for samples;
 *  4. import: preview and write of a 100,000-run CSV;
 *  5. QEMU: the same 1 GiB migration driven by migbench and by a bare QMP script (needs qemu, nasm;
 *     MIGBENCH_BENCH_QEMU=0 skips it);
 *  6. workers: claims and end-to-end runs per second for 1, 2 and 4 worker processes on SQLite and
 *     PostgreSQL (scripts/bench-workers.ts; MIGBENCH_BENCH_WORKERS=0 skips it).
 */
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../test-support/test-database";
import { predictMigration, type ModelProfile } from "../lib/model/precopy";
import { CALIBRATED_LINKS } from "../lib/model/calibration";

const GiB = 1024 ** 3;

function line(label: string, value: string) {
  console.log(`${label.padEnd(58, ".")} ${value}`);
}

function benchModel() {
  const workloads: ModelProfile[] = [
    { memoryBytes: 16 * GiB, vmCount: 1, workload: "idle", dirtyRateBytesPerSec: null, workingSetBytes: null },
    { memoryBytes: 16 * GiB, vmCount: 1, workload: "once", dirtyRateBytesPerSec: null, workingSetBytes: null },
    { memoryBytes: 16 * GiB, vmCount: 1, workload: "continuous", dirtyRateBytesPerSec: 525e6, workingSetBytes: null },
    { memoryBytes: 2 * GiB, vmCount: 8, workload: "continuous", dirtyRateBytesPerSec: 65e6, workingSetBytes: null },
  ];
  const links = [
    { usableRateGbps: 10, efficiency: CALIBRATED_LINKS.tenGbE.modelEfficiency, setupMs: 400 },
    { usableRateGbps: 27, efficiency: CALIBRATED_LINKS.fortyGbE.modelEfficiency, setupMs: 400 },
  ];
  let n = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    for (const p of workloads) for (const l of links) sink += predictMigration(l, p).durationMs;
    n += workloads.length * links.length;
  }
  const seconds = (performance.now() - start) / 1000;
  line(
    "model alone: simulated runs per second",
    `${Math.round(n / seconds).toLocaleString("en-US")} runs/s (${n.toLocaleString("en-US")} in ${seconds.toFixed(1)} s, checksum ${sink > 0 ? "ok" : "?"})`,
  );
}

async function benchCampaign(timeScale: number, label: string) {
  const { db } = await import("../lib/db/client");
  const { createCampaignWithRuns } = await import("../lib/db/campaigns");
  const { Runner } = await import("../lib/runner/runner");
  const testbed = await db.testbed.create({
    data: {
      name: `bench ${label} ${Date.now()}`,
      hypervisor: "simulator",
      sourceHost: "a",
      destinationHost: "b",
      maxConcurrentRuns: 2,
      links: {
        create: [
          { name: "10GbE", lineRateGbps: 10, ...CALIBRATED_LINKS.tenGbE },
          { name: "40GbE", lineRateGbps: 40, busLimitGbps: 27, ...CALIBRATED_LINKS.fortyGbE },
        ],
      },
    },
    include: { links: true },
  });
  const profiles = await Promise.all(
    [
      { memoryBytes: 16 * GiB, vmCount: 1, workload: "idle" },
      { memoryBytes: 16 * GiB, vmCount: 1, workload: "once" },
      { memoryBytes: 16 * GiB, vmCount: 1, workload: "continuous", dirtyRateBytesPerSec: 525e6 },
      { memoryBytes: 2 * GiB, vmCount: 8, workload: "once" },
      { memoryBytes: 4 * GiB, vmCount: 1, workload: "continuous", dirtyRateBytesPerSec: 200e6 },
    ].map((p, i) => db.vmProfile.create({ data: { name: `bench ${label} ${Date.now()} ${i}`, ...p } })),
  );
  const start = performance.now();
  const launched = await createCampaignWithRuns({
    data: {
      name: `bench ${label}`,
      testbedId: testbed.id,
      linkIds: testbed.links.map((l) => l.id),
      profileIds: profiles.map((p) => p.id),
      iterations: 10,
      timeScale,
    },
  });
  if (!launched.ok) throw new Error(launched.message);
  const runner = new Runner({ pollMs: 50 });
  await runner.drain({ timeoutMs: 300_000 });
  const seconds = (performance.now() - start) / 1000;
  const done = await db.run.count({ where: { campaignId: launched.value.id, status: "succeeded" } });
  const samples = await db.sample.count({ where: { run: { campaignId: launched.value.id } } });
  line(
    `100-run campaign, ${label}: launch → all results stored`,
    `${seconds.toFixed(1)} s wall (${done}/${launched.value.runCount} succeeded, ${samples.toLocaleString("en-US")} samples, 2 concurrent runs per testbed)`,
  );
}

async function benchSampleWrites() {
  const { db } = await import("../lib/db/client");
  const { appendSamples } = await import("../lib/db/run-life");
  // A run held by a lease of this benchmark's own, as a worker's execution holds one (every batch is fenced on it).
  const found = await db.run.findFirstOrThrow({ select: { id: true } });
  const lease = { runId: found.id, token: "bench-sample-writes" };
  await db.run.update({ where: { id: found.id }, data: { status: "running", leaseToken: lease.token } });
  const batch = Array.from({ length: 200 }, (_, i) => ({
    tMs: i * 250,
    transferredBytes: i * 1e8,
    remainingBytes: 2e10 - i * 1e8,
    throughputGbps: 8.5,
    dirtyRateBytesPerSec: 5e8,
    round: Math.floor(i / 40),
  }));
  let rows = 0;
  const start = performance.now();
  while (performance.now() - start < 3000)
    rows += (await appendSamples({ lease, leaseMs: 15_000, samples: batch })) ?? 0;
  const seconds = (performance.now() - start) / 1000;
  line(
    "sample rows written per second (batches of 200, SQLite WAL)",
    `${Math.round(rows / seconds).toLocaleString("en-US")} rows/s (${rows.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s)`,
  );
  const single = performance.now();
  for (let i = 0; i < 200; i++) await appendSamples({ lease, leaseMs: 15_000, samples: [batch[i]] });
  line(
    "sample rows written per second (one row per insert)",
    `${Math.round(200 / ((performance.now() - single) / 1000)).toLocaleString("en-US")} rows/s`,
  );
}

async function main() {
  console.log("migbench benchmarks — 2 cores; figures vary with machine load\n");
  benchModel();
  const database = await createTestDatabase();
  try {
    await benchCampaign(50, "accelerated 50×");
    await benchCampaign(0, "as fast as possible");
    await benchSampleWrites();
    const { benchImport } = await import("./bench-import");
    await benchImport(line);
  } finally {
    const { db } = await import("../lib/db/client");
    await db.$disconnect();
    database.cleanup();
  }
}

async function mainWithQemu() {
  await main();
  const { benchWorkers } = await import("./bench-workers");
  await benchWorkers(line);
  if (process.env.MIGBENCH_BENCH_QEMU === "0") return;
  const { benchQemu } = await import("./bench-qemu");
  await benchQemu(line);
}

mainWithQemu().catch((error) => {
  console.error(error);
  process.exit(1);
});
