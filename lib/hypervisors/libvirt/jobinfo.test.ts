import { test } from "node:test";
import assert from "node:assert/strict";
import { parseJobInfo, parseQuantity, virshBandwidthMiBps } from "./jobinfo";

// As printed by virsh 9.0 `domjobinfo --completed` after a live migration.
const COMPLETED = `Job type:         Completed
Operation:        Outgoing migration
Time elapsed:     2173         ms
Time elapsed w/o network: 2171         ms
Data processed:   258.764 MiB
Data remaining:   0.000 B
Data total:       256.133 MiB
Memory processed: 258.764 MiB
Memory remaining: 0.000 B
Memory total:     256.133 MiB
Memory bandwidth: 119.398 MiB/s
Dirty rate:       9765         pages/s
Page size:        4096         bytes
Iteration:        4
Postcopy requests: 0
Constant pages:   1024
Normal pages:     65843
Normal data:      257.199 MiB
Total downtime:   31           ms
Downtime w/o network: 29           ms
Setup time:       9            ms
`;

test("quantities convert from virsh's binary units", () => {
  assert.equal(parseQuantity("258.764 MiB"), 258.764 * 1024 ** 2);
  assert.equal(parseQuantity("1.5 GiB"), 1.5 * 1024 ** 3);
  assert.equal(parseQuantity("0.000 B"), 0);
  assert.equal(parseQuantity("119.398 MiB/s"), 119.398 * 1024 ** 2);
  assert.equal(parseQuantity("31 ms"), 31);
  assert.equal(parseQuantity("12 KiB"), 12 * 1024);
  assert.equal(parseQuantity(undefined), null);
  assert.equal(parseQuantity("lots"), null);
});

test("completed job statistics become SI units", () => {
  const j = parseJobInfo(COMPLETED);
  assert.equal(j.jobType, "Completed");
  assert.equal(j.elapsedMs, 2173);
  assert.equal(j.processedBytes, 258.764 * 1024 ** 2);
  assert.equal(j.remainingBytes, 0);
  assert.equal(j.memoryBandwidthBytesPerSec, 119.398 * 1024 ** 2);
  assert.equal(j.dirtyRateBytesPerSec, 9765 * 4096);
  assert.equal(j.iteration, 4);
  assert.equal(j.downtimeMs, 31);
  assert.equal(j.setupMs, 9);
  assert.equal(j.raw["Normal pages"], "65843");
});

test("a job in progress and an empty answer", () => {
  const running = parseJobInfo(
    "Job type:         Unbounded\nOperation:        Outgoing migration\nTime elapsed:     500 ms\nData remaining:   128.000 MiB\n",
  );
  assert.equal(running.jobType, "Unbounded");
  assert.equal(running.remainingBytes, 128 * 1024 ** 2);
  assert.equal(running.downtimeMs, null);
  const none = parseJobInfo("Job type:         None\n");
  assert.equal(none.jobType, "None");
  assert.equal(none.processedBytes, null);
});

test("virsh --bandwidth is MiB/s", () => {
  assert.equal(virshBandwidthMiBps(125e6), 119); // 1 Gb/s
  assert.equal(virshBandwidthMiBps(100), 1);
});
