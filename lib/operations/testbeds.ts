import "server-only";
import { getTestbed } from "@/lib/db/testbeds";
import { getAdapter } from "@/lib/hypervisors/registry";
import { adapterTestbedOf } from "@/lib/hypervisors/testbed";
import type { CheckResult } from "@/lib/hypervisors/types";

/**
 * Runs a testbed's adapter check: it reaches the hypervisor and resolves secret references, so it
 * is only ever called from a POST by an operator (the Check now button, POST /api/testbeds/:id/check).
 * null: no such testbed; check null: this build has no adapter for its kind.
 */
export async function checkTestbed(id: number): Promise<{ hypervisor: string; check: CheckResult | null } | null> {
  const testbed = await getTestbed({ id });
  if (!testbed) return null;
  const adapter = getAdapter(testbed.hypervisor);
  return { hypervisor: testbed.hypervisor, check: adapter ? await adapter.check(adapterTestbedOf(testbed)) : null };
}
