import { test } from "node:test";
import assert from "node:assert/strict";
import { curveStyle, linkColors, pickCurves, type CurveCandidate } from "./curves";

const run = (id: number, linkId: number, rateGbps: number): CurveCandidate => ({
  id,
  linkId,
  linkName: `link ${linkId}`,
  rateGbps,
  profileName: "1 × 16 GiB · once",
  durationMs: 1000,
});

test("with no choice, a side's curves cover each of its links in turn", () => {
  // The first eight runs are all on the slow link (a campaign's runs in order): the fast one still shows.
  const side = [...[1, 2, 3, 4, 5, 6, 7, 8].map((id) => run(id, 10, 10)), run(9, 40, 27), run(10, 40, 27)];
  assert.deepEqual(
    pickCurves(side).map((c) => c.id),
    [1, 2, 9, 10],
  );
  assert.deepEqual(
    pickCurves(side.slice(0, 3)).map((c) => c.id),
    [1, 2, 3],
  );
});

test("chosen runs are drawn, only those of the side, at most eight", () => {
  const side = Array.from({ length: 20 }, (_, i) => run(i + 1, 10, 10));
  assert.deepEqual(
    pickCurves(side, [3, 5, 99]).map((c) => c.id),
    [3, 5],
  );
  assert.equal(
    pickCurves(
      side,
      side.map((c) => c.id),
    ).length,
    8,
  );
});

test("colours follow the link (slowest first), the candidate is dashed, the legend names side, link and run", () => {
  const curves = [run(9, 40, 27), run(1, 10, 10)];
  const colors = linkColors(curves);
  assert.notEqual(colors.get(10), colors.get(40));
  const base = curveStyle("baseline", curves[1], colors);
  const cand = curveStyle("candidate", curves[0], colors);
  assert.equal(base.name, "Baseline · link 10 · run #1");
  assert.equal(cand.name, "Candidate · link 40 · run #9");
  assert.equal(base.dashed, false);
  assert.equal(cand.dashed, true);
  assert.equal(curveStyle("candidate", run(2, 10, 10), colors).color, base.color);
});
