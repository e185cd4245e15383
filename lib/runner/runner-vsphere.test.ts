import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase } from "@/test-support/test-database";
import type { HypervisorAdapter } from "@/lib/hypervisors/types";
import { startVcsim } from "@/test-support/vcsim";

// A vSphere campaign through the real runner, a real SQLite file and a real vcsim that is stopped
// in the middle of the campaign.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let vcsim: ChildProcess;

const secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-secrets-"));

before(async () => {
  process.env.MIGBENCH_SECRETS_DIR = secretsDir;
  database = await createTestDatabase();
});
after(async () => {
  vcsim?.kill("SIGTERM");
  await database.cleanup();
  fs.rmSync(secretsDir, { recursive: true, force: true });
});

test("vcsim stopped mid-campaign: the remaining runs fail with the reason, finished runs stay", async () => {
  const { db } = await import("@/lib/db/client");
  const { createCampaignWithRuns } = await import("@/lib/db/campaigns");
  const { Runner } = await import("./runner");
  const { vsphereAdapter } = await import("@/lib/hypervisors/vsphere");
  const started = await startVcsim();
  vcsim = started.proc;
  const { url, caRef } = started;
  process.env.MIGBENCH_SECRET_RUNNER_TEST_VC = "any";
  process.env.MIGBENCH_SECRET_RUNNER_TEST_VC_HOSTS = new URL(url).hostname;
  const testbed = await db.testbed.create({
    data: {
      name: "vcsim",
      hypervisor: "vsphere",
      sourceHost: "DC0_C0_H0",
      destinationHost: "DC0_C0_H1",
      maxConcurrentRuns: 1,
      connectionJson: JSON.stringify({
        url,
        username: "u",
        passwordRef: "env:MIGBENCH_SECRET_RUNNER_TEST_VC",
        caRef,
        vms: ["DC0_C0_RP0_VM0"],
      }),
      links: { create: [{ name: "vMotion", lineRateGbps: 10 }] },
    },
    include: { links: true },
  });
  const profile = await db.vmProfile.create({ data: { name: "vm", memoryBytes: 2 ** 30, workload: "once" } });
  const [linkIds, profileIds] = [[testbed.links[0].id], [profile.id]];
  const launched = await createCampaignWithRuns({
    data: { name: "vmotions", testbedId: testbed.id, linkIds, profileIds, iterations: 4, timeScale: 1 },
  });
  assert.ok(launched.ok);

  let calls = 0;
  const stopping: HypervisorAdapter = {
    ...vsphereAdapter,
    async migrate(spec, ctx) {
      if (++calls === 3) {
        vcsim.kill("SIGTERM");
        await new Promise((r) => vcsim.once("exit", r));
      }
      return vsphereAdapter.migrate(spec, ctx);
    },
  };
  await new Runner({ pollMs: 20, getAdapter: (k) => (k === "vsphere" ? stopping : null) }).drain();

  const runs = await db.run.findMany({
    where: { campaignId: launched.ok ? launched.value.id : 0 },
    orderBy: { id: "asc" },
  });
  assert.deepEqual(
    runs.map((r) => r.status),
    ["succeeded", "succeeded", "failed", "failed"],
  );
  // Stored without the testbed's settings (viewers read it): the URL is named, not quoted.
  for (const r of runs.slice(2)) assert.match(r.errorReason!, /cannot reach ‹url›: connection refused/);
  for (const r of runs.slice(0, 2)) {
    assert.equal(r.errorReason, null);
    assert.equal(r.transferredBytes, null, "vCenter reports no bytes for vMotion: stored as unknown");
    assert.match(r.rawStatsJson!, /"to":"DC0_C0_H[01]"/);
    assert.doesNotMatch(
      r.rawStatsJson!,
      /127\.0\.0\.1|MIGBENCH_SECRET|vcsim-ca/,
      "no setting quoted in stored statistics",
    );
  }
  await db.$disconnect();
});
