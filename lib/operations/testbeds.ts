import "server-only";
import { storedLinkPath } from "@/lib/schemas/link-path";
import { audit, audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import { named } from "@/lib/db/audit-names";
import { createTestbed, deleteTestbed, getTestbed, updateTestbed } from "@/lib/db/testbeds";
import type { WriteResult } from "@/lib/db/errors";
import type { TestbedInput } from "@/lib/schemas/testbed";
import { changedSettingKeys, storedConnectionSettings } from "@/lib/schemas/connection";
import { getAdapter } from "@/lib/hypervisors/registry";
import { adapterTestbedOf } from "@/lib/hypervisors/testbed";
import type { CheckResult } from "@/lib/hypervisors/types";
import { secretHostProblem } from "@/lib/secrets/resolve";

/**
 * Runs a testbed's adapter check: it reaches the hypervisor and resolves secret references, so it
 * is only ever called from a POST by an operator (the Check now button, POST /api/testbeds/:id/check),
 * and each one is audited with its outcome (never the details, which may quote settings).
 * Refused (not found) when there is no such testbed; check null: this build has no adapter for its kind.
 */
export async function checkTestbedAs(
  principal: Principal,
  id: number,
): Promise<WriteResult<{ hypervisor: string; check: CheckResult | null }>> {
  const testbed = await getTestbed({ id });
  if (!testbed) return { ok: false, code: "not_found", message: "This testbed no longer exists" };
  const adapter = getAdapter(testbed.hypervisor);
  const links = testbed.links.map((l) => ({ name: l.name, emulated: l.emulated, path: storedLinkPath(l.pathJson) }));
  const check = adapter ? await adapter.check(adapterTestbedOf(testbed), links) : null;
  const outcome = !check
    ? `this build has no ${testbed.hypervisor} adapter`
    : check.ok
      ? "reachable, migrations can run"
      : `${check.problems.length} problem${check.problems.length === 1 ? "" : "s"}`;
  await audit(principal, {
    action: "testbed.check",
    targetType: "testbed",
    targetId: id,
    summary: `Checked the adapter of testbed ${named(testbed.name, id)}: ${outcome}`,
    details: { ok: check?.ok ?? false, problems: check?.problems.length ?? null },
  });
  return { ok: true, value: { hypervisor: testbed.hypervisor, check } };
}

/**
 * Why a testbed's settings may not be saved because of where they send secrets: each reference must
 * name the host it goes to in its own host list (MIGBENCH_SECRET_<NAME>_HOSTS, <name>.hosts). Reads
 * the host lists only, never a secret.
 */
export function testbedSecretProblems(testbed: {
  hypervisor: string;
  connectionJson: string;
  name?: string;
}): string[] {
  const adapter = getAdapter(testbed.hypervisor);
  if (!adapter?.secretDestinations) return [];
  const row = { id: 0, name: testbed.name ?? "", sourceHost: "", destinationHost: "", linkScale: 1, ...testbed };
  return adapter.secretDestinations(adapterTestbedOf(row)).flatMap(({ key, reference, host }) => {
    const problem = secretHostProblem(reference, host);
    return problem ? [`${key}: ${problem}`] : [];
  });
}

/** Creates a testbed, unless its settings send a secret to a host the secret does not name. */
export async function createTestbedAs(principal: Principal, data: TestbedInput): Promise<WriteResult<{ id: number }>> {
  const secrets = testbedSecretProblems(data);
  if (secrets.length) return { ok: false, message: secrets.join("; "), field: "connectionJson" };
  return audited(principal, await createTestbed({ data }), (value) => ({
    action: "testbed.create",
    targetType: "testbed",
    targetId: value.id,
    summary: `Created testbed “${data.name}” (${data.hypervisor})`,
    details: { connectionKeys: Object.keys(storedConnectionSettings(data.connectionJson)).sort() },
  }));
}

const EDITABLE_FIELDS = [
  "name",
  "hypervisor",
  "sourceHost",
  "destinationHost",
  "hostMemoryBytes",
  "linkScale",
  "maxConcurrentRuns",
  "notes",
] as const;

/** Edits a testbed (the same secret rule); the audit row names the fields and settings keys that changed, never values. */
export async function updateTestbedAs(
  principal: Principal,
  id: number,
  data: TestbedInput,
): Promise<WriteResult<{ id: number }>> {
  const before = await getTestbed({ id });
  if (!before) return { ok: false, code: "not_found", message: "This testbed no longer exists" };
  const secrets = testbedSecretProblems(data);
  if (secrets.length) return { ok: false, message: secrets.join("; "), field: "connectionJson" };
  return audited(principal, await updateTestbed({ id, data }), () => ({
    action: "testbed.update",
    targetType: "testbed",
    targetId: id,
    summary: `Edited testbed “${data.name}”`,
    details: {
      changedFields: EDITABLE_FIELDS.filter((k) => before[k] !== data[k]),
      changedConnectionKeys: changedSettingKeys(
        storedConnectionSettings(before.connectionJson),
        storedConnectionSettings(data.connectionJson),
      ),
    },
  }));
}

/** Deletes a testbed and its links (refused while campaigns refer to it). */
export async function deleteTestbedAs(principal: Principal, id: number) {
  const before = await getTestbed({ id });
  return audited(principal, await deleteTestbed({ id }), () => ({
    action: "testbed.delete",
    targetType: "testbed",
    targetId: id,
    summary: `Deleted testbed “${before?.name ?? id}” and its links`,
  }));
}
