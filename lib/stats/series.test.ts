import { test } from "node:test";
import assert from "node:assert/strict";
import { seriesMetricChart, type SeriesHistory } from "./series";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 0, minute));
const run = (id: number, campaignId: number, durationMs: number | null, minute: number) => ({
  id,
  campaignId,
  finishedAt: at(minute),
  durationMs,
  throughputGbps: 8,
  transferredBytes: 1e9,
  downtimeMs: null,
  guestPauseMs: null,
  wireBytes: null,
});

test("a series chart: a point per run, a mean per campaign with its verdict, the baseline's band", () => {
  const history: SeriesHistory = {
    campaigns: [
      { id: 2, name: "after", createdAt: at(10), finishedAt: at(12) },
      { id: 1, name: "before", createdAt: at(0), finishedAt: at(2) },
      { id: 3, name: "still running", createdAt: at(20), finishedAt: null },
    ],
    runs: [run(1, 1, 100, 1), run(2, 1, 110, 2), run(3, 2, 130, 11), run(4, 2, 150, 12), run(5, 3, null, 21)],
    verdicts: [{ campaignId: 2, metric: "durationMs", verdict: "regression", sentence: "Regression: …" }],
    baselineRuns: [
      {
        durationMs: 100,
        throughputGbps: 8,
        transferredBytes: 1e9,
        downtimeMs: null,
        guestPauseMs: null,
        wireBytes: null,
      },
      {
        durationMs: 110,
        throughputGbps: 8,
        transferredBytes: 1e9,
        downtimeMs: null,
        guestPauseMs: null,
        wireBytes: null,
      },
    ],
  };
  const chart = seriesMetricChart(history, "durationMs");
  // Campaigns one step apart in the order they ended, their runs spread around them.
  assert.deepEqual(
    chart.points.map((p) => [p.runId, p.value, +p.x.toFixed(2), p.t]),
    [
      [1, 100, -0.2, at(1).getTime()],
      [2, 110, 0.2, at(2).getTime()],
      [3, 130, 0.8, at(11).getTime()],
      [4, 150, 1.2, at(12).getTime()],
    ],
  );
  // Oldest first; a campaign without values for the metric has no mean.
  assert.deepEqual(
    chart.means.map((m) => [m.campaignId, m.x, m.mean, m.n, m.verdict, m.t]),
    [
      [1, 0, 105, 2, null, at(2).getTime()],
      [2, 1, 140, 2, "regression", at(12).getTime()],
    ],
  );
  assert.equal(chart.baseline!.mean, 105);
  assert.ok(chart.baseline!.ciLow! < 105 && chart.baseline!.ciHigh! > 105);
  // Downtime: no values anywhere, nothing to draw.
  const downtime = seriesMetricChart(history, "downtimeMs");
  assert.deepEqual([downtime.points.length, downtime.means.length, downtime.baseline], [0, 0, null]);
});

test("a campaign of many runs draws at most 20 of them, its mean over all", () => {
  const many = Array.from({ length: 100 }, (_, i) => run(i + 1, 1, 100 + i, 1));
  const chart = seriesMetricChart(
    {
      campaigns: [{ id: 1, name: "big", createdAt: at(0), finishedAt: at(2) }],
      runs: many,
      verdicts: [],
      baselineRuns: [],
    },
    "durationMs",
  );
  assert.equal(chart.points.length, 20);
  assert.equal(chart.means[0].n, 100);
  assert.equal(chart.means[0].mean, 149.5);
  assert.deepEqual([chart.points[0].x, chart.points[19].x], [-0.2, 0.2]);
});
