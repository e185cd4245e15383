import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_MODEL_PARAMS, predictMigration, type ModelLink, type ModelProfile } from "./precopy";
import { CALIBRATED_LINKS } from "./calibration";
import { DEFAULT_SETTINGS } from "./migration-settings";
import { CONTINUOUS_DIRTY_RATE_BYTES_PER_SEC, WHITEPAPER_RESULTS } from "@/lib/reference/whitepaper";

const GiB = 1024 ** 3;
const ten: ModelLink = {
  usableRateGbps: 10,
  efficiency: CALIBRATED_LINKS.tenGbE.modelEfficiency,
  setupMs: CALIBRATED_LINKS.tenGbE.modelSetupMs,
};
const forty: ModelLink = {
  usableRateGbps: 27,
  efficiency: CALIBRATED_LINKS.fortyGbE.modelEfficiency,
  setupMs: CALIBRATED_LINKS.fortyGbE.modelSetupMs,
};

function profile(workload: string, over: Partial<ModelProfile> = {}): ModelProfile {
  return {
    memoryBytes: 16 * GiB,
    vmCount: 1,
    workload,
    dirtyRateBytesPerSec: workload === "continuous" ? CONTINUOUS_DIRTY_RATE_BYTES_PER_SEC : null,
    workingSetBytes: null,
    ...over,
  };
}

test("calibration: one parameter set reproduces all four whitepaper rows within ±10%", () => {
  for (const row of WHITEPAPER_RESULTS) {
    const p = predictMigration(row.link === "tenGbE" ? ten : forty, profile(row.workload));
    const label = `${row.link} ${row.workload}`;
    const within = (model: number, published: number, what: string) =>
      assert.ok(
        Math.abs(model / published - 1) <= 0.1,
        `${label} ${what}: model ${model.toFixed(2)} vs published ${published}`,
      );
    within(p.durationMs / 1000, row.timeSec, "time (s)");
    within(p.throughputGbps, row.bandwidthGbps, "throughput (Gb/s)");
    within((p.transferredBytes * 8) / 1e9, row.dataSizeGb, "data (Gb)");
    assert.ok(p.converges);
    // The paper reports no downtime; the replica predicts one, sub-second as vMotion's switchover was then
    // (the stop-and-copy of what is pending when it fits the 500 ms budget, never a zero).
    assert.ok(p.downtimeMs > 0 && p.downtimeMs < 1000, `${label} downtime ${p.downtimeMs} ms`);
  }
});

test("calibration reproduces the whitepaper's speed-ups: ~2.2× for once, ~3.7× for continuous", () => {
  const speedup = (w: string) =>
    predictMigration(ten, profile(w)).durationMs / predictMigration(forty, profile(w)).durationMs;
  assert.ok(Math.abs(speedup("once") - 16.65 / 7.465) < 0.2, `once ${speedup("once")}`);
  assert.ok(Math.abs(speedup("continuous") - 38.93 / 10.44) < 0.4, `continuous ${speedup("continuous")}`);
});

test("idle memory costs far less than memory written once; once sends about memory size", () => {
  const idle = predictMigration(ten, profile("idle"));
  const once = predictMigration(ten, profile("once"));
  assert.ok(idle.transferredBytes < once.transferredBytes / 10, `${idle.transferredBytes} vs ${once.transferredBytes}`);
  assert.ok(idle.durationMs < once.durationMs / 5);
  assert.ok(once.transferredBytes >= 16 * GiB && once.transferredBytes < 16 * GiB * 1.1);
  assert.equal(once.precopyRounds, 1);
});

test("continuous dirtying needs several rounds and sends more than memory size", () => {
  const p = predictMigration(ten, profile("continuous"));
  assert.ok(p.precopyRounds > 1);
  assert.ok(p.transferredBytes > 16 * GiB * 1.5);
  assert.ok(p.downtimeMs <= DEFAULT_MODEL_PARAMS.downtimeLimitMs + 1e-6, `downtime ${p.downtimeMs}`);
  // Rounds shrink geometrically: each lasts wire bytes / r, during which D dirties more (λ × overhead).
  const [r0, r1, r2] = p.rounds;
  assert.ok(Math.abs(r2.memoryBytes / r1.memoryBytes - p.lambda * DEFAULT_MODEL_PARAMS.wireOverhead) < 1e-9);
  assert.ok(r1.memoryBytes < r0.memoryBytes);
});

test("a dirty rate at or above the link rate does not converge, and says what would", () => {
  const p = predictMigration(
    { usableRateGbps: 1, efficiency: 1, setupMs: 0 },
    profile("continuous", { dirtyRateBytesPerSec: 200e6 }),
  );
  assert.equal(p.converges, false);
  assert.ok(p.lambda >= 1);
  assert.match(p.reason!, /does not converge within \d+ min after its first pass/);
  assert.match(p.advice!, /faster than 1\.6 Gb\/s/);
  assert.match(p.advice!, /lower the dirty rate/);
  assert.match(p.advice!, /auto-converge/);
});

test("like QEMU, pre-copy keeps going past 3× memory and converges when λ < 1 (measured here: 8.91 s, 1,069 MB)", () => {
  // docs/calibration-local-qemu.md: a 256 MiB guest dirtying 95.1 MB/s over the 1 Gb/s tc-shaped link, limit 300 ms,
  // with the link's fitted parameters; QEMU converged after sending 4× its memory.
  const p = predictMigration(
    { usableRateGbps: 1, efficiency: 0.994, setupMs: 50, dirtyingRateFactor: 0.984, wireOverhead: 1, switchoverMs: 5 },
    profile("continuous", { memoryBytes: 256 * 1024 * 1024, dirtyRateBytesPerSec: 95.1e6 }),
    DEFAULT_MODEL_PARAMS,
    {},
    { ...DEFAULT_SETTINGS, downtimeLimitMs: 300 },
  );
  assert.equal(p.converges, true, p.reason ?? "");
  assert.ok(p.transferredBytes > 3 * 256 * 1024 * 1024);
  assert.ok(Math.abs(p.durationMs / 8910 - 1) < 0.1, `${p.durationMs} ms`);
  assert.ok(Math.abs(p.transferredBytes / 1069e6 - 1) < 0.1, `${p.transferredBytes} B`);
});

test("a large guest whose first pass alone outlasts the horizon still converges when its rounds shrink", () => {
  // 1 TiB over 10 Gb/s: the first pass takes ~15 min; dirtying 1 MB/s, the rest is quick.
  const p = predictMigration(
    { usableRateGbps: 10, efficiency: 0.9, setupMs: 0 },
    profile("continuous", { memoryBytes: 2 ** 40, dirtyRateBytesPerSec: 1e6 }),
  );
  assert.equal(p.converges, true, p.reason ?? "");
  assert.ok(p.durationMs > 15 * 60_000 && p.durationMs < 20 * 60_000, `${p.durationMs} ms`);
});

test("a small writable working set converges even when the dirty rate exceeds the link", () => {
  const p = predictMigration(
    { usableRateGbps: 1, efficiency: 1, setupMs: 0 },
    profile("continuous", { dirtyRateBytesPerSec: 200e6, workingSetBytes: 32 * 1024 ** 2 }),
  );
  assert.equal(p.converges, true);
  assert.ok(p.downtimeMs < 500);
});

test("time falls as bandwidth rises, and rises with the dirty rate", () => {
  let previous = Infinity;
  for (const gbps of [2, 5, 10, 20, 40]) {
    const t = predictMigration(
      { usableRateGbps: gbps, efficiency: 0.9, setupMs: 400 },
      profile("continuous", { dirtyRateBytesPerSec: 100e6 }),
    ).durationMs;
    assert.ok(t < previous, `${gbps} Gb/s: ${t} ms not below ${previous}`);
    previous = t;
  }
  previous = 0;
  for (const rate of [0, 100e6, 300e6, 500e6, 700e6]) {
    const p = predictMigration(ten, profile("continuous", { dirtyRateBytesPerSec: rate }));
    assert.ok(p.durationMs > previous, `${rate} B/s: ${p.durationMs} ms not above ${previous}`);
    previous = p.durationMs;
  }
});

test("concurrent VMs share the link: 8 × 2 GiB takes about as long as 1 × 16 GiB", () => {
  const one = predictMigration(ten, profile("once"));
  const eight = predictMigration(ten, profile("once", { memoryBytes: 2 * GiB, vmCount: 8 }));
  assert.ok(Math.abs(eight.durationMs / one.durationMs - 1) < 0.01);
  assert.ok(Math.abs(eight.transferredBytes / one.transferredBytes - 1) < 0.01);
  assert.ok(Math.abs(eight.perVmRateBytesPerSec * 8 - one.perVmRateBytesPerSec) < 1);
  // Eight VMs each dirtying at the single VM's rate overwhelm their share of the link.
  const crowded = predictMigration(ten, profile("continuous", { memoryBytes: 2 * GiB, vmCount: 8 }));
  assert.equal(crowded.converges, false);
});

test("the PCIe bus limit, not the line rate, bounds 40GbE", () => {
  const busBound = predictMigration({ usableRateGbps: 27, efficiency: 0.77, setupMs: 400 }, profile("once"));
  const lineRate = predictMigration({ usableRateGbps: 40, efficiency: 0.77, setupMs: 400 }, profile("once"));
  assert.ok(busBound.durationMs > lineRate.durationMs * 1.4);
});

test("pre-copy stops as soon as what is pending fits the budget: the pause is close to the limit, as QEMU's", () => {
  const gigabit: ModelLink = { usableRateGbps: 1, efficiency: 1, setupMs: 0 };
  const once = profile("once", { memoryBytes: 256 * 1024 ** 2 });
  const whole = predictMigration(gigabit, once, { ...DEFAULT_MODEL_PARAMS, completionCheckMs: 0 });
  for (const limit of [100, 300, 1000]) {
    const p = predictMigration(
      gigabit,
      once,
      DEFAULT_MODEL_PARAMS,
      {},
      { ...DEFAULT_SETTINGS, downtimeLimitMs: limit },
    );
    // Measured with tc shaping: 56–90 ms at 100, 222–305 at 300, 926–1009 at 1000. A check every 50 ms
    // comes on average 25 ms after the pending bytes crossed the budget.
    assert.ok(Math.abs(p.downtimeMs - (limit - 25)) < 1, `limit ${limit}: ${p.downtimeMs} ms`);
    // The first pass is cut where the rest fits; nothing is sent twice, so time and data are unchanged.
    assert.equal(p.precopyRounds, 1);
    assert.ok(p.rounds[0].leftBytes! > 0);
    assert.ok(Math.abs(p.transferredBytes - whole.transferredBytes) < 1);
    assert.ok(Math.abs(p.durationMs - whole.durationMs) < 1e-6);
  }
  // A dirtying guest too: the pause stays within the limit, near it.
  const hot = predictMigration(
    gigabit,
    profile("continuous", { memoryBytes: 256 * 1024 ** 2, dirtyRateBytesPerSec: 60e6 }),
    DEFAULT_MODEL_PARAMS,
    {},
    { ...DEFAULT_SETTINGS, downtimeLimitMs: 300 },
  );
  assert.ok(hot.downtimeMs > 200 && hot.downtimeMs <= 300, `continuous: ${hot.downtimeMs} ms`);
});

test("a guest that fits the budget whole stops at the first check: nearly all of it moves paused", () => {
  // 256 MiB at 2.7 Gb/s under a 1 s limit: the budget (337 MB) holds the whole guest. QEMU measures its
  // bandwidth first after 100 ms and then stops: measured here 716–917 ms of downtime in a 0.8–1.1 s run.
  const link: ModelLink = { usableRateGbps: 2.7, efficiency: 1, setupMs: 0 };
  const once = profile("once", { memoryBytes: 256 * 1024 ** 2 });
  const p = predictMigration(link, once, DEFAULT_MODEL_PARAMS, {}, { ...DEFAULT_SETTINGS, downtimeLimitMs: 1000 });
  const total = p.durationMs;
  assert.ok(Math.abs(p.rounds[0].durationMs - 100) < 1e-6, `pre-copy ran ${p.rounds[0].durationMs} ms`);
  assert.ok(Math.abs(p.downtimeMs - (total - 100)) < 1e-6, `downtime ${p.downtimeMs} of ${total} ms`);
  assert.ok(p.downtimeMs > 650 && p.downtimeMs < 800, `downtime ${p.downtimeMs} ms`);
  // A tight limit on the same link: the budget does not hold the guest, the pause stays near the limit.
  const tight = predictMigration(link, once, DEFAULT_MODEL_PARAMS, {}, { ...DEFAULT_SETTINGS, downtimeLimitMs: 100 });
  assert.ok(Math.abs(tight.downtimeMs - 75) < 1, `downtime ${tight.downtimeMs} ms at 100 ms`);
});
