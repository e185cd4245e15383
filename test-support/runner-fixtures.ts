import assert from "node:assert/strict";
import { after, before } from "node:test";
import { createTestDatabase } from "./test-database";
import { createTestbedWithLinks } from "./db-fixtures";

type Db = typeof import("../lib/db/client").db;
type RunnerClass = typeof import("../lib/runner/runner").Runner;
type RunnerOptions = ConstructorParameters<RunnerClass>[0];

const GiB = 1024 ** 3;

/**
 * What the runner's tests start from: a fresh database for the file (the modules that open it are
 * imported after DATABASE_URL points at it), testbeds with the whitepaper's two links, profiles,
 * campaigns launched as the form launches them, and fast runners stopped when the file ends. Call it
 * at the top of a test file; read `db`, `Runner` and `control` inside tests (they exist once `before` ran).
 */
export function runnerFixtures() {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const runners: InstanceType<RunnerClass>[] = [];
  const loaded = {} as {
    db: Db;
    Runner: RunnerClass;
    control: typeof import("../lib/db/run-life");
    createCampaignWithRuns: typeof import("../lib/db/campaigns").createCampaignWithRuns;
  };
  let counter = 0;

  before(async () => {
    database = await createTestDatabase();
    loaded.db = (await import("../lib/db/client")).db;
    loaded.Runner = (await import("../lib/runner/runner")).Runner;
    loaded.createCampaignWithRuns = (await import("../lib/db/campaigns")).createCampaignWithRuns;
    loaded.control = await import("../lib/db/run-life");
  });

  after(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await loaded.db.$disconnect();
    await database.cleanup();
  });

  return {
    get db() {
      return loaded.db;
    },
    get Runner() {
      return loaded.Runner;
    },
    get control() {
      return loaded.control;
    },
    get createCampaignWithRuns() {
      return loaded.createCampaignWithRuns;
    },
    /** The test database's URL, for worker processes of the test's own. */
    get databaseUrl() {
      return database.url;
    },
    /** A number no other call in this file returns (for unique names). */
    next: () => ++counter,
    GiB,

    async makeTestbed({ hypervisor = "simulator", maxConcurrentRuns = 2 } = {}) {
      counter++;
      return createTestbedWithLinks(loaded.db, {
        name: `tb ${counter}`,
        hypervisor,
        maxConcurrentRuns,
        links: [
          { name: "10GbE", lineRateGbps: 10, modelEfficiency: 0.885, modelSetupMs: 400 },
          { name: "40GbE", lineRateGbps: 40, busLimitGbps: 27, modelEfficiency: 0.77, modelSetupMs: 400 },
        ],
      });
    },

    async makeProfile(workload: string, over: { memoryGiB?: number; dirtyRateBytesPerSec?: number | null } = {}) {
      counter++;
      return loaded.db.vmProfile.create({
        data: {
          name: `p ${counter}`,
          memoryBytes: (over.memoryGiB ?? 16) * GiB,
          vmCount: 1,
          workload,
          dirtyRateBytesPerSec: over.dirtyRateBytesPerSec ?? (workload === "continuous" ? 525e6 : null),
        },
      });
    },

    async launch(testbedId: number, linkIds: number[], profileIds: number[], { iterations = 1, timeScale = 0 } = {}) {
      const result = await loaded.createCampaignWithRuns({
        data: { name: `c ${++counter}`, testbedId, linkIds, profileIds, iterations, timeScale },
      });
      assert.ok(result.ok, result.ok ? "" : result.message);
      return result.value;
    },

    /** A runner that polls, beats and flushes fast; stopped when the file ends. */
    runner(options: RunnerOptions = {}) {
      const r = new loaded.Runner({ pollMs: 20, heartbeatMs: 100, sampleFlushMs: 50, ...options });
      runners.push(r);
      return r;
    },
  };
}
