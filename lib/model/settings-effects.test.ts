import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_MODEL_PARAMS, predictMigration, type ModelLink, type ModelProfile } from "./precopy";
import { DEFAULT_SETTINGS, settingsKey, settingsLabel, type MigrationSettings } from "./migration-settings";

/* Worked examples of what each migration setting does to one migration, in direction and size. */

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
/** 1 Gb/s at full efficiency: 125 MB/s per VM. */
const gigabit: ModelLink = { usableRateGbps: 1, efficiency: 1, setupMs: 0 };
const guest = (dirtyRateBytesPerSec: number, over: Partial<ModelProfile> = {}): ModelProfile => ({
  memoryBytes: 1 * GiB,
  vmCount: 1,
  workload: "continuous",
  dirtyRateBytesPerSec,
  workingSetBytes: null,
  ...over,
});
/** The migration stream's rate for a continuously dirtying guest on that link (it competes for CPU). */
const r = 125e6 * DEFAULT_MODEL_PARAMS.workloadRateFactor.continuous;
const settings = (over: Partial<MigrationSettings>): MigrationSettings => ({ ...DEFAULT_SETTINGS, ...over });

test("auto-converge makes a λ = 1.3 guest converge, raising the throttle 20% then 10% a round", () => {
  const hot = guest(1.3 * r);
  const plain = predictMigration(gigabit, hot);
  assert.equal(plain.converges, false);
  assert.ok(Math.abs(plain.lambda - 1.3) < 1e-9);

  const throttled = predictMigration(gigabit, hot, DEFAULT_MODEL_PARAMS, {}, settings({ strategy: "auto-converge" }));
  assert.equal(throttled.converges, true, throttled.reason ?? "");
  // The pause fits the limit (the threshold counts memory; the wire adds its overhead).
  assert.ok(throttled.downtimeMs <= DEFAULT_MODEL_PARAMS.downtimeLimitMs * DEFAULT_MODEL_PARAMS.wireOverhead);
  const steps = throttled.rounds.filter((r) => r.phase === "precopy").map((r) => r.throttlePct);
  // Rounds 0 and 1 run unthrottled; then 20, 30, 40 … until the guest dirties less than the link carries.
  assert.deepEqual(steps.slice(0, 4), [0, 0, 20, 30]);
  assert.ok(throttled.maxThrottlePct! >= 30 && throttled.maxThrottlePct! < 99, `${throttled.maxThrottlePct}`);
  // A steeper throttle converges in fewer rounds.
  const steep = predictMigration(
    gigabit,
    hot,
    DEFAULT_MODEL_PARAMS,
    {},
    settings({ strategy: "auto-converge", throttleInitialPct: 50, throttleIncrementPct: 20 }),
  );
  assert.ok(steep.precopyRounds < throttled.precopyRounds, `${steep.precopyRounds} vs ${throttled.precopyRounds}`);
});

test("post-copy bounds downtime to the switchover whatever the dirty rate, and always completes", () => {
  for (const lambda of [0.9, 1.3, 3]) {
    const p = predictMigration(
      gigabit,
      guest(lambda * r),
      DEFAULT_MODEL_PARAMS,
      {},
      settings({ strategy: "postcopy" }),
    );
    assert.equal(p.converges, true);
    // Switchover: 50 ms + a bit per 4 KiB page of 1 GiB (32 KiB at 115 MB/s ≈ 0.3 ms); the first pass takes ~9.9 s.
    assert.ok(p.downtimeMs > 50 && p.downtimeMs < 51, `λ ${lambda}: downtime ${p.downtimeMs} ms`);
    assert.equal(p.precopyRounds, 1);
    assert.ok(p.postcopySwitchAtMs! > 9_500 && p.postcopySwitchAtMs! < 10_500, `switch at ${p.postcopySwitchAtMs}`);
    // What the guest dirtied in the first pass (at most its memory) is pulled once: the total stays under 2 × memory.
    assert.ok(p.transferredBytes < 2 * 1.06 * GiB + 1, `${p.transferredBytes}`);
    assert.ok(p.postcopyMs! > 0);
  }
  // After 3 rounds instead of 1: a later switch, less left to pull.
  const one = predictMigration(gigabit, guest(0.9 * r), DEFAULT_MODEL_PARAMS, {}, settings({ strategy: "postcopy" }));
  const three = predictMigration(
    gigabit,
    guest(0.9 * r),
    DEFAULT_MODEL_PARAMS,
    {},
    settings({ strategy: "postcopy-after-rounds", postcopyAfterRounds: 3 }),
  );
  assert.equal(three.precopyRounds, 3);
  assert.ok(three.postcopySwitchAtMs! > one.postcopySwitchAtMs!);
  assert.ok(three.postcopyMs! < one.postcopyMs!);
  // A guest that converges before the switch just finishes in pre-copy.
  const calm = predictMigration(
    gigabit,
    guest(10e6),
    DEFAULT_MODEL_PARAMS,
    {},
    settings({ strategy: "postcopy-after-rounds", postcopyAfterRounds: 10 }),
  );
  assert.equal(calm.postcopySwitchAtMs, null);
});

test("4 multifd channels raise a stream-bound rate up to the link, and no further", () => {
  const tenGig: ModelLink = { usableRateGbps: 10, efficiency: 0.9, setupMs: 0, streamCeilingGbps: 3 };
  const once = guest(0, { workload: "once", memoryBytes: 16 * GiB });
  const one = predictMigration(tenGig, once);
  const two = predictMigration(tenGig, once, DEFAULT_MODEL_PARAMS, {}, settings({ multifdChannels: 2 }));
  const four = predictMigration(tenGig, once, DEFAULT_MODEL_PARAMS, {}, settings({ multifdChannels: 4 }));
  const eight = predictMigration(tenGig, once, DEFAULT_MODEL_PARAMS, {}, settings({ multifdChannels: 8 }));
  const gbps = (p: { perVmRateBytesPerSec: number }) => (p.perVmRateBytesPerSec * 8) / 1e9;
  assert.ok(Math.abs(gbps(one) - 3) < 1e-9);
  assert.ok(Math.abs(gbps(two) - 6) < 1e-9);
  assert.ok(Math.abs(gbps(four) - 9) < 1e-9, `${gbps(four)}`); // the link's 10 × 0.9
  assert.equal(gbps(eight), gbps(four));
  assert.ok(Math.abs(one.durationMs / four.durationMs - 3) < 1e-6);
  // A link a single stream fills gains nothing.
  const filled = { ...tenGig, streamCeilingGbps: null };
  assert.equal(
    predictMigration(filled, once, DEFAULT_MODEL_PARAMS, {}, settings({ multifdChannels: 4 })).durationMs,
    predictMigration(filled, once).durationMs,
  );
});

test("XBZRLE makes re-sent pages cheap in proportion to the working set its cache holds", () => {
  const hot = guest(60e6, { workingSetBytes: 256 * MiB });
  const plain = predictMigration(gigabit, hot);
  const full = predictMigration(gigabit, hot, DEFAULT_MODEL_PARAMS, {}, settings({ xbzrleCacheBytes: 256 * MiB }));
  const half = predictMigration(gigabit, hot, DEFAULT_MODEL_PARAMS, {}, settings({ xbzrleCacheBytes: 128 * MiB }));
  assert.equal(full.xbzrleHitRatio, 1);
  assert.equal(half.xbzrleHitRatio, 0.5);
  // The first pass is the same; what follows costs 0.3 of a page with the whole set cached (per page: with
  // pages that cheap the second pass may end early, when the rest fits the downtime budget).
  assert.equal(full.rounds[0].wireBytes, plain.rounds[0].wireBytes);
  const perPage = (p: typeof full) => p.rounds[1].wireBytes / p.rounds[1].memoryBytes;
  assert.ok(Math.abs(perPage(full) / perPage(plain) - 0.3) < 1e-9);
  assert.ok(full.transferredBytes < half.transferredBytes && half.transferredBytes < plain.transferredBytes);
  assert.ok(full.durationMs < plain.durationMs);
});

test("a tighter downtime limit takes more rounds for less pause; a bandwidth cap slows everything", () => {
  const hot = guest(60e6);
  const loose = predictMigration(gigabit, hot, DEFAULT_MODEL_PARAMS, {}, settings({ downtimeLimitMs: 1000 }));
  const tight = predictMigration(gigabit, hot, DEFAULT_MODEL_PARAMS, {}, settings({ downtimeLimitMs: 50 }));
  assert.ok(tight.precopyRounds > loose.precopyRounds);
  assert.ok(tight.downtimeMs <= 50 + 1e-6 && loose.downtimeMs <= 1000 + 1e-6);
  assert.ok(tight.downtimeMs < loose.downtimeMs);

  const once = guest(0, { workload: "once" });
  const capped = predictMigration(gigabit, once, DEFAULT_MODEL_PARAMS, {}, settings({ bandwidthScale: 0.5 }));
  assert.ok(Math.abs(capped.durationMs / predictMigration(gigabit, once).durationMs - 2) < 1e-9);
  // A cap above what the stream achieves changes nothing.
  const slack = { ...gigabit, efficiency: 0.5 };
  assert.equal(
    predictMigration(slack, once, DEFAULT_MODEL_PARAMS, {}, settings({ bandwidthScale: 0.8 })).durationMs,
    predictMigration(slack, once).durationMs,
  );
});

test("a variant's key names what differs from the defaults; the defaults are the empty key", () => {
  assert.equal(settingsKey(DEFAULT_SETTINGS), "");
  assert.equal(settingsLabel(DEFAULT_SETTINGS), "Pre-copy");
  assert.equal(
    settingsKey(settings({ strategy: "auto-converge", multifdChannels: 4, xbzrleCacheBytes: 256 * MiB })),
    "auto-converge · multifd ×4 · XBZRLE 256 MiB",
  );
  assert.equal(
    settingsKey(settings({ strategy: "postcopy-after-rounds", postcopyAfterRounds: 3 })),
    "post-copy after 3 rounds",
  );
  assert.equal(settingsKey(settings({ strategy: "postcopy-after-rounds", postcopyAfterRounds: 1 })), "post-copy");
  assert.equal(
    settingsKey(settings({ downtimeLimitMs: 100, bandwidthScale: 0.25 })),
    "downtime ≤ 100 ms · bandwidth 25%",
  );
  assert.equal(
    settingsKey(settings({ strategy: "auto-converge", throttleInitialPct: 30, throttleIncrementPct: 5 })),
    "auto-converge 30+5%",
  );
});

test("a dirty-rate sweep makes the guest continuous at each rate, and one that dirties nothing writes its memory once", async () => {
  const { applySweep } = await import("./migration-settings");
  const idle = {
    name: "p",
    memoryBytes: 2 ** 28,
    vmCount: 1,
    workload: "idle",
    dirtyRateBytesPerSec: null,
    workingSetBytes: null,
  };
  assert.deepEqual(applySweep(idle, DEFAULT_SETTINGS, "dirtyRate", 60e6).profile, {
    ...idle,
    workload: "continuous",
    dirtyRateBytesPerSec: 60e6,
  });
  // A continuous guest with no dirty rate cannot run (QEMU's guest refuses it); at 0 it is a "once" guest.
  const at0 = applySweep(
    { ...idle, workload: "continuous", dirtyRateBytesPerSec: 80e6 },
    DEFAULT_SETTINGS,
    "dirtyRate",
    0,
  );
  assert.equal(at0.profile.workload, "once");
  assert.equal(at0.profile.dirtyRateBytesPerSec, null);
});
