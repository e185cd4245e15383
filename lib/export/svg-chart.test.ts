import { test } from "node:test";
import assert from "node:assert/strict";
import { comparisonSvg, legendRows } from "./svg-chart";
import type { GroupSummary } from "@/lib/stats/summary";

const summary = (mean: number, half: number): GroupSummary => ({
  n: 3,
  mean,
  sd: half,
  ciLow: mean - half,
  ciHigh: mean + half,
  min: mean - half,
  max: mean + half,
  median: mean,
});

const axisLabels = (svg: string) =>
  [...svg.matchAll(/<text x="82" y="[\d.]+" text-anchor="end" font-size="11" fill="#475569">([^<]+)<\/text>/g)].map(
    (m) => m[1],
  );

test("the SVG chart's axis has round, distinct ticks and never goes below zero", () => {
  const svg = comparisonSvg({
    title: "t",
    unit: "bytes",
    baselineName: "a",
    candidateName: "b",
    groups: [
      {
        key: "once",
        baseline: summary(18.18e9, 19e9),
        candidate: summary(41.07e9, 2e9),
        comparison: null,
        baselineRateShare: null,
        candidateRateShare: null,
        profiles: ["1 × 16 GiB · once"],
        baselineRates: [10],
        candidateRates: [27],
      },
    ],
  });
  assert.deepEqual(axisLabels(svg), ["0 GB", "10 GB", "20 GB", "30 GB", "40 GB", "50 GB"]);
  // The baseline's whisker (18.18 − 19 GB < 0) stops at the axis line (y = 60 + 290).
  const ys = [...svg.matchAll(/y1="([-\d.]+)" y2="([-\d.]+)" stroke="#0f172a"/g)].flatMap((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
  assert.ok(Math.max(...ys) <= 350, `a whisker reaches y = ${Math.max(...ys)}`);
});

test("a long legend wraps onto more lines, and the image grows to hold them", () => {
  const long = "ESX 4.1 vMotion — HP DL380 G6 over 40GbE ConnectX-2 (PCIe Gen2 x8, ~27 Gb/s bus limit) ".repeat(3);
  const rows = legendRows(
    [
      { color: "#64748b", text: `Baseline: ${long}` },
      { color: "#0284c7", text: "Candidate: b" },
    ],
    790,
  );
  assert.ok(rows.length >= 3, `${rows.length} rows`);
  for (const row of rows) for (const piece of row) assert.ok(piece.x + 16 + piece.text.length * 6.6 <= 790 + 24);
  // Every word is still there, in order.
  const text = rows.flatMap((r) => r.map((p) => p.text)).join(" ");
  assert.ok(text.replace(/\s+/g, " ").includes(`Baseline: ${long}`.trim().replace(/\s+/g, " ")));
  const short = comparisonSvg({ title: "t", unit: "ratio", baselineName: "a", candidateName: "b", groups: [] });
  const tall = comparisonSvg({ title: "t", unit: "ratio", baselineName: long, candidateName: "b", groups: [] });
  const heightOf = (svg: string) => Number(/height="(\d+)"/.exec(svg)![1]);
  assert.ok(heightOf(tall) > heightOf(short));
  // Short names share one line.
  assert.equal(
    legendRows(
      [
        { color: "", text: "Baseline: a" },
        { color: "", text: "Candidate: b" },
      ],
      790,
    ).length,
    1,
  );
});
