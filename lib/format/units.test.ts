import { test } from "node:test";
import assert from "node:assert/strict";
import {
  formatBytes,
  formatDateTime,
  isoDateTime,
  formatDurationMs,
  formatGbps,
  formatGigabits,
  formatMemory,
  formatRatio,
  UNKNOWN,
} from "./units";

test("data volumes use SI prefixes with the unit", () => {
  assert.equal(formatBytes(18_181_250_000), "18.18 GB");
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(1_500_000), "1.50 MB");
  assert.equal(formatBytes(2.5e12), "2.50 TB");
});

test("gigabits reproduce the whitepaper's Data Size column", () => {
  assert.equal(formatGigabits(145.45e9 / 8), "145.45 Gb");
});

test("memory sizes use binary units", () => {
  assert.equal(formatMemory(16 * 1024 ** 3), "16 GiB");
  assert.equal(formatMemory(256 * 1024 ** 2), "256 MiB");
  assert.equal(formatMemory(1.5 * 1024 ** 3), "1.50 GiB");
});

test("durations switch units at a second and at two minutes", () => {
  assert.equal(formatDurationMs(16_650), "16.65 s");
  assert.equal(formatDurationMs(850), "850 ms");
  assert.equal(formatDurationMs(7465), "7.465 s");
  assert.equal(formatDurationMs(2000), "2.00 s");
  assert.equal(formatDurationMs(125_000), "2 min 5.0 s");
  // Long predictions read as hours (not "4037 min 28.0 s"), very long ones as days.
  assert.equal(formatDurationMs(4037 * 60_000 + 28_000), "2 d 19 h");
  assert.equal(formatDurationMs(5 * 3_600_000 + 3 * 60_000 + 20_000), "5 h 3 min");
  assert.equal(formatDurationMs(3_599_000), "59 min 59.0 s");
  assert.equal(formatDurationMs(3_600_000), "1 h 0 min");
  assert.equal(formatDurationMs(3 * 86_400_000 + 4 * 3_600_000), "3 d 4 h");
});

test("rates show Gb/s, and Mb/s below one gigabit", () => {
  assert.equal(formatGbps(8.78), "8.78 Gb/s");
  assert.equal(formatGbps(0.5), "500 Mb/s");
  assert.equal(formatGbps(0), "0.00 Gb/s");
});

test("unknown values are shown as unknown, never as zero", () => {
  for (const f of [formatBytes, formatDurationMs, formatGbps, formatGigabits, formatMemory, formatRatio]) {
    assert.equal(f(null), UNKNOWN);
    assert.equal(f(undefined), UNKNOWN);
    assert.equal(f(Number.NaN), UNKNOWN);
  }
  assert.equal(formatDateTime(null), UNKNOWN);
});

test("ratios carry a times sign; dates are UTC", () => {
  assert.equal(formatRatio(2.2304), "2.23×");
  assert.equal(formatDateTime(new Date("2026-11-25T09:15:03Z")), "2026-11-25 09:15:03 UTC");
  assert.equal(formatDateTime("2026-11-25T09:15:03.250Z"), "2026-11-25 09:15:03 UTC");
  assert.equal(formatDateTime(new Date("2026-11-25T09:15:00Z"), { seconds: false }), "2026-11-25 09:15 UTC");
  assert.equal(isoDateTime(new Date("2026-11-25T09:15:03.250Z")), "2026-11-25T09:15:03.250Z");
  assert.equal(isoDateTime("not a date"), null);
  assert.equal(isoDateTime(null), null);
});
