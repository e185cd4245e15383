import { test } from "node:test";
import assert from "node:assert/strict";
import { rateLeakShare, rateLeakText } from "./rates";

test("a throughput more than 5% above the link's rate is a leak, said for emulated and physical links", () => {
  // The case: a small guest at 3.5–3.9 Gb/s over a link emulated at 2.7 Gb/s.
  const share = rateLeakShare(3.76, 2.7)!;
  assert.ok(Math.abs(share - 1.3926) < 0.001);
  assert.equal(rateLeakText(share, true), "faster than the emulated link (139% of the link's rate): emulation leak");
  assert.match(rateLeakText(1.2, false), /^faster than the link can carry \(120% .*check the link's line rate/);
  // Within 5% is the link's doing (framing, rounding); unknown throughputs and rates are no leak.
  assert.equal(rateLeakShare(2.83, 2.7), null);
  assert.equal(rateLeakShare(null, 2.7), null);
  assert.equal(rateLeakShare(1, 0), null);
});
