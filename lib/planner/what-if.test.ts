import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SETTINGS } from "@/lib/model/migration-settings";
import { CALIBRATED_LINKS } from "@/lib/model/calibration";
import { answerWhatIf, type WhatIfQuestion } from "./what-if";

const GiB = 2 ** 30;
const tenGbE = { id: 1, name: "10GbE", lineRateGbps: 10, busLimitGbps: null, ...CALIBRATED_LINKS.tenGbE };
const question = (over: Partial<WhatIfQuestion> = {}): WhatIfQuestion => ({
  link: tenGbE,
  lineRateGbps: null,
  linkScale: 1,
  profile: {
    memoryBytes: 16 * GiB,
    vmCount: 1,
    workload: "continuous",
    dirtyRateBytesPerSec: 1500e6,
    workingSetBytes: null,
  },
  settings: DEFAULT_SETTINGS,
  downtimeLimitMs: 500,
  evacuate: null,
  ...over,
});

test("a guest that outruns 10GbE: the planner says which link speed first converges and which strategy to use", () => {
  const a = answerWhatIf(question(), null, "no fit yet: calibrated on the whitepaper's vMotion");
  assert.equal(a.converges, false);
  assert.ok(a.lambda > 1);
  assert.equal(a.durationMs, null);
  assert.equal(a.calibration, "no fit yet: calibrated on the whitepaper's vMotion");
  // 1.5 GB/s of dirtying needs more than 10GbE's ~1 GB/s: 25 Gb/s is the first standard speed that converges.
  assert.equal(a.firstConvergingLink?.lineRateGbps, 25);
  assert.deepEqual(
    a.bySpeed.map((s) => s.durationMs === null),
    [true, true, false, false, false, false, false, false],
  );
  // Faster links are quicker.
  const times = a.bySpeed.filter((s) => s.durationMs !== null).map((s) => s.durationMs!);
  for (let i = 1; i < times.length; i++) assert.ok(times[i] <= times[i - 1]);
  // Pre-copy cannot; post-copy and auto-converge can: the planner suggests one of them.
  const precopy = a.strategies.find((s) => s.strategy === "precopy")!;
  assert.equal(precopy.converges, false);
  assert.ok(a.suggestedStrategy === "postcopy" || a.suggestedStrategy === "auto-converge", String(a.suggestedStrategy));
});

test("an evacuation: 10 VMs, 3 at a time, over 40GbE — waves share the link and the timeline has every VM", () => {
  const fortyGbE = { id: 2, name: "40GbE", lineRateGbps: 40, busLimitGbps: 27, ...CALIBRATED_LINKS.fortyGbE };
  const q = question({
    link: fortyGbE,
    profile: { memoryBytes: 16 * GiB, vmCount: 1, workload: "once", dirtyRateBytesPerSec: null, workingSetBytes: null },
    evacuate: { vms: 10, concurrent: 3 },
  });
  const a = answerWhatIf(q, null, "seed");
  const e = a.evacuation!;
  assert.equal(e.converges, true);
  assert.equal(e.timeline.length, 10);
  assert.deepEqual(
    e.timeline.map((v) => v.wave),
    [1, 1, 1, 2, 2, 2, 3, 3, 3, 4],
  );
  // Three VMs share the link, so a wave of three takes longer than one VM alone, but less than three in a row.
  const one = a.durationMs!.value;
  const wave = e.timeline[0].endMs - e.timeline[0].startMs;
  assert.ok(wave > one * 2 && wave < one * 3.2, `${wave} vs ${one}`);
  // The last VM goes alone: its wave is about one VM's time; the total is the sum of the waves.
  const last = e.timeline[9];
  assert.ok(Math.abs(last.endMs - last.startMs - one) < one * 0.01);
  assert.equal(e.total.value, last.endMs);
  assert.equal(e.total.interval, null);
  // One at a time takes about as long in total (the link is the bottleneck either way) — but no VM waits less.
  const serial = answerWhatIf({ ...q, evacuate: { vms: 10, concurrent: 1 } }, null, "seed").evacuation!;
  assert.ok(Math.abs(serial.total.value / e.total.value - 1) < 0.15, `${serial.total.value} vs ${e.total.value}`);
});
