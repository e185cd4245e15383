import { after, before, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { vsphereAdapter } from "./index";
import { VsphereClient, VsphereConnectionError } from "./client";
import { moRef, readMoRef, text } from "./soap";
import { hostOfVm, startVcsim } from "@/test-support/vcsim";
import type { AdapterTestbed, MigrationResult } from "../types";
import type { LinkPath } from "@/lib/schemas/link-path";
import { migrationSpec } from "../../../test-support/migration-spec";

// Against a real vcsim with migbench's HostVirtualNicManager (tools/vcsim/virtual_nic_manager.go): every host
// has vmk0 (management, and vMotion's by default), vmk1 and vmk2. What a host selected is read here through
// the host's config.virtualNicManagerInfo, another way than the adapter's QueryNetConfig.
let vcsim: ChildProcess;
let url = "";
let caRef = "";
let ca = "";
const secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-secrets-"));
const SOURCE = "DC0_C0_H0";
const DESTINATION = "DC0_C0_H1";
const VM = "DC0_C0_RP0_VM0";

before(async () => {
  process.env.MIGBENCH_SECRETS_DIR = secretsDir;
  process.env.MIGBENCH_SECRET_TEST_VC_PASSWORD = "s3cret";
  process.env.MIGBENCH_SECRET_TEST_VC_PASSWORD_HOSTS = "127.0.0.1";
  ({ proc: vcsim, url, caRef, ca } = await startVcsim({ username: "admin", password: "s3cret" }));
});

after(() => {
  vcsim?.kill("SIGTERM");
  fs.rmSync(secretsDir, { recursive: true, force: true });
});

const testbed: () => AdapterTestbed = () => ({
  id: 1,
  name: "vcsim",
  hypervisor: "vsphere",
  sourceHost: SOURCE,
  destinationHost: DESTINATION,
  linkScale: 1,
  connection: { url, username: "admin", passwordRef: "env:MIGBENCH_SECRET_TEST_VC_PASSWORD", caRef, vms: [VM] },
});

const list = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : value == null ? [] : [value]) as Record<string, unknown>[];

async function withClient<T>(f: (client: VsphereClient) => Promise<T>): Promise<T> {
  const client = new VsphereClient(url, { ca });
  await client.login("admin", "s3cret");
  try {
    return await f(client);
  } finally {
    await client.logout();
  }
}

/** The vmknics each host has selected for vMotion, read from vcsim through the property collector. */
const vmotionSelection = () =>
  withClient(async (client) => {
    const hosts = await client.list("HostSystem", ["name", "config.virtualNicManagerInfo"]);
    const selection: Record<string, string[]> = {};
    for (const h of hosts) {
      const info = h.props["config.virtualNicManagerInfo"] as { netConfig?: unknown } | undefined;
      const vmotion = list(info?.netConfig).find((c) => text(c.nicType) === "vmotion");
      const candidates = list(vmotion?.candidateVnic);
      selection[text(h.props.name)!] = list(vmotion?.selectedVnic).map(
        (key) => text(candidates.find((c) => text(c.key) === text(key))?.device) ?? `?${text(key)}`,
      );
    }
    return selection;
  });

const pair = (s: Record<string, string[]>) => ({ [SOURCE]: s[SOURCE], [DESTINATION]: s[DESTINATION] });

/**
 * Runs one migration over a link with these path settings, reading each host's vMotion selection at the moment
 * the adapter asks vCenter to relocate the VM. `beforeRelocate` may make that moment fail or cancel the run.
 */
async function runOver(
  t: TestContext,
  linkPath: LinkPath,
  beforeRelocate: (abort: () => void) => void = () => {},
): Promise<{ result: MigrationResult; atRelocate: Record<string, string[]>[] }> {
  const atRelocate: Record<string, string[]>[] = [];
  const controller = new AbortController();
  const relocate = VsphereClient.prototype.relocate;
  t.mock.method(
    VsphereClient.prototype,
    "relocate",
    async function (this: VsphereClient, ...args: Parameters<VsphereClient["relocate"]>) {
      atRelocate.push(pair(await vmotionSelection()));
      beforeRelocate(() => controller.abort());
      return relocate.apply(this, args);
    },
  );
  const spec = migrationSpec(testbed(), { link: { name: "40GbE", emulated: false, path: linkPath } });
  const result = await vsphereAdapter.migrate(spec, { onSample: () => {}, signal: controller.signal });
  t.mock.restoreAll();
  return { result, atRelocate };
}

const reasonOf = (r: MigrationResult) => (r.status === "succeeded" ? "" : r.reason);
const rawOf = (r: MigrationResult) => r.rawStats as Record<string, unknown>;
const DEFAULT = { [SOURCE]: ["vmk0"], [DESTINATION]: ["vmk0"] };

test("vcsim's hosts start with vmk0, vmk1 and vmk2, vMotion on vmk0, and check() says so", async () => {
  assert.deepEqual(pair(await vmotionSelection()), DEFAULT);
  const check = await vsphereAdapter.check(testbed(), [
    { name: "10GbE", emulated: false, path: { sourceVmknic: "vmk1", destinationVmknic: "vmk1" } },
    { name: "40GbE", emulated: false, path: { sourceVmknic: "vmk9", destinationVmknic: "vmk2" } },
  ]);
  assert.ok(check.details.includes(`${SOURCE}: VMkernel adapters vmk0, vmk1, vmk2; vMotion uses vmk0`));
  assert.ok(check.details.includes(`${DESTINATION}: VMkernel adapters vmk0, vmk1, vmk2; vMotion uses vmk0`));
  assert.deepEqual(check.problems, [
    `link “40GbE”: the source host ${SOURCE} has no VMkernel adapter vmk9 for vMotion (it has vmk0, vmk1, vmk2)`,
  ]);
});

for (const vmknic of ["vmk1", "vmk2"]) {
  test(`a link naming ${vmknic} on both hosts migrates over ${vmknic} on both, and each host gets vmk0 back`, async (t) => {
    const from = await hostOfVm({ url, ca, username: "admin", password: "s3cret", vm: VM });
    const { result, atRelocate } = await runOver(t, { sourceVmknic: vmknic, destinationVmknic: vmknic });
    assert.equal(result.status, "succeeded", reasonOf(result));
    assert.deepEqual(atRelocate, [{ [SOURCE]: [vmknic], [DESTINATION]: [vmknic] }]);
    assert.notEqual(await hostOfVm({ url, ca, username: "admin", password: "s3cret", vm: VM }), from);
    assert.deepEqual(pair(await vmotionSelection()), DEFAULT);
    assert.deepEqual(rawOf(result).vmotionVmknics, { source: vmknic, destination: vmknic });
    assert.equal(rawOf(result).vmotionSelectionRestored, true);
    assert.deepEqual(
      (rawOf(result).vmotionSelection as Record<string, unknown>[]).map((h) => [h.host, h.before, h.during, h.after]),
      [
        [SOURCE, ["vmk0"], [vmknic], ["vmk0"]],
        [DESTINATION, ["vmk0"], [vmknic], ["vmk0"]],
      ],
    );
  });
}

test("an unknown vmknic is a failed run naming the host, the vmknic and what exists, with nothing changed", async (t) => {
  const from = await hostOfVm({ url, ca, username: "admin", password: "s3cret", vm: VM });
  const { result, atRelocate } = await runOver(t, { sourceVmknic: "vmk1", destinationVmknic: "vmk9" });
  assert.equal(result.status, "failed");
  assert.equal(
    reasonOf(result),
    `Link “40GbE”: the destination host ${DESTINATION} has no VMkernel adapter vmk9 for vMotion (it has vmk0, vmk1, vmk2)`,
  );
  assert.deepEqual(atRelocate, [], "vCenter was never asked to relocate");
  assert.equal(await hostOfVm({ url, ca, username: "admin", password: "s3cret", vm: VM }), from);
  // The source's vmk1 exists, yet it was not selected either: both hosts are checked before either changes.
  assert.deepEqual(pair(await vmotionSelection()), DEFAULT);
});

test("a run that fails or is cancelled after the switch still gives each host its own selection back", async (t) => {
  const failed = await runOver(t, { sourceVmknic: "vmk2", destinationVmknic: "vmk1" }, () => {
    throw new VsphereConnectionError("cannot reach vCenter: the server dropped the connection");
  });
  assert.equal(failed.result.status, "failed");
  assert.match(reasonOf(failed.result), /the server dropped the connection \(while relocating\)/);
  assert.deepEqual(failed.atRelocate, [{ [SOURCE]: ["vmk2"], [DESTINATION]: ["vmk1"] }]);
  assert.equal(rawOf(failed.result).vmotionSelectionRestored, true);
  assert.deepEqual(pair(await vmotionSelection()), DEFAULT);

  const cancelled = await runOver(t, { sourceVmknic: "vmk1", destinationVmknic: "vmk2" }, (abort) => abort());
  assert.equal(cancelled.result.status, "cancelled", reasonOf(cancelled.result));
  assert.deepEqual(cancelled.atRelocate, [{ [SOURCE]: ["vmk1"], [DESTINATION]: ["vmk2"] }]);
  assert.deepEqual(pair(await vmotionSelection()), DEFAULT);
});

test("a host's own selection is what comes back, even two vmknics; a side the link leaves alone is untouched", async (t) => {
  const manager = await withClient(async (client) => {
    const host = (await client.list("HostSystem", ["name", "configManager.virtualNicManager"])).find(
      (h) => text(h.props.name) === SOURCE,
    )!;
    const ref = readMoRef(host.props["configManager.virtualNicManager"])!;
    await client.call("SelectVnicForNicType", `${moRef("_this", ref)}<nicType>vmotion</nicType><device>vmk2</device>`);
    return ref;
  });
  try {
    assert.deepEqual(pair(await vmotionSelection()), { [SOURCE]: ["vmk0", "vmk2"], [DESTINATION]: ["vmk0"] });
    const { result, atRelocate } = await runOver(t, { sourceVmknic: "vmk1" });
    assert.equal(result.status, "succeeded", reasonOf(result));
    assert.deepEqual(atRelocate, [{ [SOURCE]: ["vmk1"], [DESTINATION]: ["vmk0"] }]);
    assert.deepEqual(rawOf(result).vmotionVmknics, { source: "vmk1", destination: "vmk0" });
    assert.deepEqual(pair(await vmotionSelection()), { [SOURCE]: ["vmk0", "vmk2"], [DESTINATION]: ["vmk0"] });
  } finally {
    await withClient((client) =>
      client.call(
        "DeselectVnicForNicType",
        `${moRef("_this", manager)}<nicType>vmotion</nicType><device>vmk2</device>`,
      ),
    );
  }
});

test("a link without vmknics changes no host's selection and records none", async (t) => {
  const { result, atRelocate } = await runOver(t, {});
  assert.equal(result.status, "succeeded", reasonOf(result));
  assert.deepEqual(atRelocate, [DEFAULT]);
  assert.equal(rawOf(result).vmotionVmknics, undefined);
  assert.deepEqual(pair(await vmotionSelection()), DEFAULT);
});

test("vcsim's manager refuses what the vSphere API reference says it refuses", async () => {
  await withClient(async (client) => {
    const host = (await client.list("HostSystem", ["name", "configManager.virtualNicManager"])).find(
      (h) => text(h.props.name) === DESTINATION,
    )!;
    const ref = readMoRef(host.props["configManager.virtualNicManager"])!;
    const call = (method: string, nicType: string, device?: string) =>
      client
        .call(
          method,
          `${moRef("_this", ref)}<nicType>${nicType}</nicType>${device ? `<device>${device}</device>` : ""}`,
        )
        .then(
          () => "ok",
          (e: { fault?: { faultType: string | null } }) => e.fault?.faultType,
        );
    assert.equal(await call("SelectVnicForNicType", "vmotion", "vmk9"), "InvalidArgument");
    assert.equal(await call("SelectVnicForNicType", "teleport", "vmk1"), "InvalidArgument");
    assert.equal(await call("QueryNetConfig", "teleport"), "InvalidArgument");
    assert.equal(await call("DeselectVnicForNicType", "vmotion", "vmk1"), "InvalidArgument", "vmk1 is not selected");
    assert.equal(await call("SelectVnicForNicType", "vsan", "vmk1"), "NotSupported");
    assert.equal(
      await call("SelectVnicForNicType", "vmotion", "vmk0"),
      "ok",
      "selecting the selected one is no change",
    );
  });
  assert.deepEqual(pair(await vmotionSelection()), DEFAULT);
});

test("a testbed that runs several migrations at once does not switch vmknics: the run fails saying why, nothing changed", async () => {
  const spec = migrationSpec(
    { ...testbed(), maxConcurrentRuns: 2 },
    { link: { name: "40GbE", emulated: false, path: { sourceVmknic: "vmk2", destinationVmknic: "vmk2" } } },
  );
  const result = await vsphereAdapter.migrate(spec, { onSample: () => {}, signal: new AbortController().signal });
  assert.equal(result.status, "failed");
  assert.match(reasonOf(result), /set the testbed's concurrent runs to 1 \(now 2\)/);
  assert.deepEqual(pair(await vmotionSelection()), DEFAULT);
});
