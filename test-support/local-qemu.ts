import { LOCAL_QEMU_LINKS, LOCAL_QEMU_TESTBED } from "../lib/reference/whitepaper";
import type { PlannerLink } from "../lib/planner/what-if";

/** The seeded Local QEMU testbed's two links as the planner sees them: their seed, with the testbed's host seed. */
export function localQemuPlannerLinks(): PlannerLink[] {
  const testbed = {
    modelDirtyingRateFactor: LOCAL_QEMU_TESTBED.modelDirtyingRateFactor,
    modelStreamCeilingGbps: LOCAL_QEMU_TESTBED.modelStreamCeilingGbps,
    modelWireOverhead: LOCAL_QEMU_TESTBED.modelWireOverhead,
    modelSwitchoverMs: LOCAL_QEMU_TESTBED.modelSwitchoverMs,
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
