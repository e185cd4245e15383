import { after, test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";
import { createTestbedWithLinks, launchOn } from "../../test-support/db-fixtures";

// Workers that know which testbeds they serve: pinned claims, the registry a testbed page reads.
let db: typeof import("@/lib/db/client").db;
let Runner: typeof import("./runner").Runner;
let workers: typeof import("@/lib/db/workers");
let resolveWorkerTestbeds: typeof import("./worker-testbeds").resolveWorkerTestbeds;

withTestDatabase(async () => {
  ({ db } = await import("@/lib/db/client"));
  ({ Runner } = await import("./runner"));
  workers = await import("@/lib/db/workers");
  ({ resolveWorkerTestbeds } = await import("./worker-testbeds"));
});
after(() => db.$disconnect());

async function campaignOn(name: string) {
  const testbed = await createTestbedWithLinks(db, { name, maxConcurrentRuns: 4 });
  const profile = await db.vmProfile.create({ data: { name: `${name} vm`, memoryBytes: 2 ** 30, workload: "once" } });
  const linkIds = testbed.links.map((l) => l.id);
  return { testbed, campaignId: await launchOn(testbed, [profile.id], { name, linkIds, iterations: 2 }) };
}

const statuses = async (campaignId: number) =>
  (await db.run.findMany({ where: { campaignId }, select: { status: true } })).map((r) => r.status);

test("MIGBENCH_WORKER_TESTBEDS names testbeds by id or name; an unknown one stops the worker", async () => {
  const a = await createTestbedWithLinks(db, { name: "rack a" });
  const b = await createTestbedWithLinks(db, { name: "rack b" });
  assert.deepEqual(await resolveWorkerTestbeds(undefined), { ids: null });
  assert.deepEqual(await resolveWorkerTestbeds(" "), { ids: null });
  assert.deepEqual(await resolveWorkerTestbeds(`rack b, ${a.id}`), { ids: [a.id, b.id].sort((x, y) => x - y) });
  const wrong = await resolveWorkerTestbeds(`${a.id},rack z,999999`);
  assert.ok("problem" in wrong);
  assert.match(wrong.problem, /"rack z", "999999"/);
});

test("a pinned worker claims only its testbeds; the others' runs wait and say no worker serves them", async () => {
  const served = await campaignOn("served");
  const other = await campaignOn("other");
  const pinned = new Runner({ pollMs: 20, heartbeatMs: 50, testbedIds: [served.testbed.id] });
  await pinned.drain({ timeoutMs: 60_000 });
  assert.deepEqual(new Set(await statuses(served.campaignId)), new Set(["succeeded"]));
  assert.deepEqual(new Set(await statuses(other.campaignId)), new Set(["queued"]));

  await pinned.start();
  const listed = await workers.listTestbedWorkers({ testbedId: served.testbed.id });
  assert.deepEqual(
    listed.map((w) => [w.id, w.pinned]),
    [[pinned.workerId, true]],
  );
  assert.equal(await workers.testbedHasLiveWorker(other.testbed.id), false);

  // A worker for every testbed picks the waiting runs up; once stopped it is no longer listed.
  const everyTestbed = new Runner({ pollMs: 20, heartbeatMs: 50 });
  await everyTestbed.start();
  assert.equal(await workers.testbedHasLiveWorker(other.testbed.id), true);
  await everyTestbed.drain({ timeoutMs: 60_000 });
  assert.deepEqual(new Set(await statuses(other.campaignId)), new Set(["succeeded"]));
  await everyTestbed.stop();
  await pinned.stop();
  assert.equal(await workers.testbedHasLiveWorker(other.testbed.id), false);
  assert.equal(await workers.testbedHasLiveWorker(served.testbed.id), false);
});

test("a worker silent for longer than 15 s is not counted as serving", async () => {
  const { testbed } = await campaignOn("silent");
  await workers.registerWorker({ id: "elsewhere:42:abc", host: "elsewhere", pid: 42, testbedIds: null, adapters: [] });
  assert.equal(await workers.testbedHasLiveWorker(testbed.id), true);
  const later = new Date(Date.now() + workers.WORKER_LIVE_MS + 1_000);
  assert.deepEqual(await workers.listTestbedWorkers({ testbedId: testbed.id, now: later }), []);
  await workers.markWorkerStopped("elsewhere:42:abc");
});
