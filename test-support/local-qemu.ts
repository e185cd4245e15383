import { LOCAL_QEMU_LINKS, LOCAL_QEMU_TESTBED } from "../lib/reference/whitepaper";
import type { PlannerLink } from "../lib/planner/what-if";
import { qemuAdapter } from "../lib/hypervisors/qemu";
import { migrationSpec } from "./migration-spec";
import type { Cell } from "./model-validation";

/** The seeded Local QEMU testbed's two links as the planner sees them: their seed, with the testbed's host seed. */
export function localQemuPlannerLinks(): PlannerLink[] {
  const testbed = {
    modelDirtyingRateFactor: LOCAL_QEMU_TESTBED.modelDirtyingRateFactor,
    modelStreamCeilingGbps: LOCAL_QEMU_TESTBED.modelStreamCeilingGbps,
    modelWireOverhead: LOCAL_QEMU_TESTBED.modelWireOverhead,
    modelSwitchoverMs: LOCAL_QEMU_TESTBED.modelSwitchoverMs,
    modelDirtyRateFidelity: LOCAL_QEMU_TESTBED.modelDirtyRateFidelity,
  };
  return LOCAL_QEMU_LINKS.map((l, i) => ({
    id: i + 1,
    name: l.name,
    lineRateGbps: l.lineRateGbps,
    busLimitGbps: l.busLimitGbps,
    modelEfficiency: l.modelEfficiency,
    modelSetupMs: l.modelSetupMs,
    testbed,
  }));
}

let runId = 90_000 + Math.floor(Math.random() * 5000);

/** One real migration of a 256 MiB guest between two local QEMU processes, as the Local QEMU testbed runs it. */
export async function measureOnQemu(c: Cell, iteration: number) {
  const testbed = {
    id: 3,
    name: "Local QEMU (loopback)",
    hypervisor: "qemu",
    sourceHost: "localhost",
    destinationHost: "localhost",
    linkScale: 0.1,
    connection: { runTimeoutSec: 120, downtimeLimitMs: 300 },
  };
  const usable = Math.min(c.link.lineRateGbps, c.link.busLimitGbps ?? Infinity);
  const spec = migrationSpec(testbed, {
    runId: runId++,
    link: {
      id: c.link.id,
      name: c.link.name,
      lineRateGbps: c.link.lineRateGbps,
      busLimitGbps: c.link.busLimitGbps,
      usableRateGbps: usable,
    },
    profile: {
      workload: c.dirtyBytesPerSec > 0 ? "continuous" : "once",
      memoryBytes: 256 * 2 ** 20,
      dirtyRateBytesPerSec: c.dirtyBytesPerSec > 0 ? c.dirtyBytesPerSec : null,
    },
    settings: { strategy: c.strategy, downtimeLimitMs: 300 },
  });
  const result = await qemuAdapter.migrate(
    { ...spec, seed: iteration },
    { onSample: () => {}, signal: new AbortController().signal },
  );
  if (result.status !== "succeeded")
    throw new Error(
      `${c.link.name} ${c.dirtyBytesPerSec / 1e6} MB/s ${c.strategy}: ${result.status} ${"reason" in result ? result.reason : ""}`,
    );
  const method = (result.rawStats as { shaping?: { method?: string } } | undefined)?.shaping?.method ?? "";
  return {
    durationMs: result.durationMs!,
    transferredBytes: result.transferredBytes!,
    downtimeMs: result.downtimeMs!,
    dirtyRateBytesPerSec: result.dirtyRateBytesPerSec ?? null,
    shaping: method.startsWith("tc ") ? "tc" : "max-bandwidth",
  };
}
