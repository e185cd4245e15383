import { test } from "node:test";
import assert from "node:assert/strict";
import { simulatorAdapter } from "./index";
import { migrationSpec, SIMULATOR_TESTBED } from "../../../test-support/migration-spec";
import type { MigrationSettings } from "@/lib/model/migration-settings";

const testbed = SIMULATOR_TESTBED;

async function run(ceiling: number | null, settings: Partial<MigrationSettings>) {
  const spec = migrationSpec(testbed, {
    link: { lineRateGbps: 25, usableRateGbps: 25, modelStreamCeilingGbps: ceiling },
    profile: { memoryBytes: 4 * 2 ** 30 },
    settings,
  });
  const result = await simulatorAdapter.migrate(
    { ...spec, options: { timeScale: 0 } },
    { onSample: () => {}, signal: new AbortController().signal },
  );
  assert.equal(result.status, "succeeded");
  return result as Extract<typeof result, { status: "succeeded" }>;
}

test("a link whose one stream tops out at 6 Gb/s: multifd channels raise the simulated rate up to the link", async () => {
  const one = await run(6, {});
  const four = await run(6, { multifdChannels: 4 });
  const eight = await run(6, { multifdChannels: 8 });
  // One stream: about its ceiling; four: four ceilings (24 Gb/s), just under the 25 Gb/s link; eight: the link.
  assert.ok(one.throughputGbps! > 5 && one.throughputGbps! < 6.5, `1 channel: ${one.throughputGbps} Gb/s`);
  assert.ok(four.throughputGbps! > 3.5 * one.throughputGbps!, `4 channels: ${four.throughputGbps} Gb/s`);
  assert.ok(eight.throughputGbps! < 25.5 && eight.throughputGbps! >= four.throughputGbps! * 0.97);
  assert.ok(four.durationMs! < one.durationMs! / 3, `${four.durationMs} ms vs ${one.durationMs} ms`);
  // Without a ceiling, multifd changes nothing: the link is the only bound.
  const free = await run(null, {});
  const freeFour = await run(null, { multifdChannels: 4 });
  assert.ok(Math.abs(freeFour.throughputGbps! / free.throughputGbps! - 1) < 0.01);
});
