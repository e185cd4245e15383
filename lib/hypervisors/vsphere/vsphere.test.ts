import net from "node:net";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { vsphereAdapter } from "./index";
import { hostOfVm, startVcsim } from "@/test-support/vcsim";
import type { AdapterTestbed, MigrationSpec } from "../types";
import { migrationSpec } from "../../../test-support/migration-spec";

// A real vcsim (VMware's vCenter simulator), built offline from Debian's govmomi by scripts/vcsim.sh.
let vcsim: ChildProcess;
let url = "";
let caRef = "";
let ca = "";
const secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-secrets-"));

before(async () => {
  process.env.MIGBENCH_SECRETS_DIR = secretsDir;
  process.env.MIGBENCH_SECRET_TEST_VC_PASSWORD = "s3cret";
  process.env.MIGBENCH_SECRET_TEST_VC_WRONG = "wrong";
  // The vCenter's host, which each password's owner lists (lib/secrets/resolve.ts).
  for (const name of ["TEST_VC_PASSWORD", "TEST_VC_WRONG", "NOT_SET"])
    process.env[`MIGBENCH_SECRET_${name}_HOSTS`] = "127.0.0.1";
  ({ proc: vcsim, url, caRef, ca } = await startVcsim({ username: "admin", password: "s3cret" }));
});

after(() => {
  vcsim?.kill("SIGTERM");
  fs.rmSync(secretsDir, { recursive: true, force: true });
});

function testbed(over: Partial<AdapterTestbed> & { connection?: Record<string, unknown> } = {}): AdapterTestbed {
  return {
    id: 1,
    name: "vcsim",
    hypervisor: "vsphere",
    sourceHost: "DC0_C0_H0",
    destinationHost: "DC0_C0_H1",
    linkScale: 1,
    ...over,
    connection: {
      url,
      username: "admin",
      passwordRef: "env:MIGBENCH_SECRET_TEST_VC_PASSWORD",
      caRef,
      vms: ["DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1"],
      ...over.connection,
    },
  };
}

function spec(tb: AdapterTestbed, vmCount = 1): MigrationSpec {
  return migrationSpec(tb, {
    link: { name: "vMotion", emulated: false },
    profile: { name: "p", memoryBytes: 2 ** 30, vmCount },
  });
}

const hostOf = (vm: string) => hostOfVm({ url, ca, username: "admin", password: "s3cret", vm });

const run = (s: MigrationSpec) =>
  vsphereAdapter.migrate(s, { onSample: () => {}, signal: new AbortController().signal });

test("check() finds vCenter, the hosts and the VMs, and says how TLS is verified", async () => {
  const check = await vsphereAdapter.check(testbed());
  assert.equal(check.ok, true, check.problems.join("; "));
  assert.ok(check.details.some((d) => d.startsWith("VMware vCenter Server")));
  assert.ok(check.details.includes(`TLS verified against the CA certificate ${caRef}`));
});

test("vMotion moves the VM to the other host, read back from runtime.host, and back again", async () => {
  const before = await hostOf("DC0_C0_RP0_VM0");
  const first = await run(spec(testbed()));
  assert.equal(first.status, "succeeded", first.status !== "succeeded" ? first.reason : "");
  const moved = await hostOf("DC0_C0_RP0_VM0");
  assert.notEqual(moved, before);
  assert.ok(["DC0_C0_H0", "DC0_C0_H1"].includes(moved));
  if (first.status === "succeeded") {
    assert.ok(first.durationMs >= 0);
    // vCenter does not report bytes or rounds for vMotion: unknown, not zero.
    assert.equal(first.transferredBytes, null);
    assert.equal(first.precopyRounds, null);
    assert.equal(first.throughputGbps, null);
  }
  const second = await run(spec(testbed()));
  assert.equal(second.status, "succeeded");
  assert.equal(await hostOf("DC0_C0_RP0_VM0"), moved === "DC0_C0_H0" ? "DC0_C0_H1" : "DC0_C0_H0");
});

test("a profile with two VMs moves both and reports per-VM results", async () => {
  const r = await run(spec(testbed(), 2));
  assert.equal(r.status, "succeeded");
  if (r.status === "succeeded") assert.equal(r.perVm?.length, 2);
});

test("wrong password, unknown VM and unknown host are failed runs with clear reasons", async () => {
  const wrong = await run(spec(testbed({ connection: { passwordRef: "env:MIGBENCH_SECRET_TEST_VC_WRONG" } })));
  assert.equal(wrong.status, "failed");
  assert.match((wrong as { reason: string }).reason, /vCenter refused the login for user "admin": Login failure/);
  const noVm = await run(spec(testbed({ connection: { vms: ["nope"] } })));
  assert.match((noVm as { reason: string }).reason, /VM "nope" not found in vCenter/);
  const noHost = await run(spec(testbed({ destinationHost: "esx-02" })));
  assert.match((noHost as { reason: string }).reason, /host esx-02 not found \(vCenter has: /);
  const unset = await vsphereAdapter.check(testbed({ connection: { passwordRef: "env:MIGBENCH_SECRET_NOT_SET" } }));
  assert.match(unset.problems[0], /MIGBENCH_SECRET_NOT_SET is not set/);
  // vcsim still serves after all of these.
  assert.equal((await vsphereAdapter.check(testbed())).ok, true);
});

test("a password goes only to a host its owner listed: an admin's own server gets no connection", async () => {
  const { testbedSecretProblems } = await import("@/lib/operations/testbeds");
  let connections = 0;
  const trap = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
  try {
    const port = (trap.address() as net.AddressInfo).port;
    // "localhost" reaches the same machine, but the password's owner listed 127.0.0.1 only.
    const stolen = testbed({ connection: { url: `https://localhost:${port}`, insecure: true, caRef: undefined } });
    const check = await vsphereAdapter.check(stolen);
    assert.equal(check.ok, false);
    assert.match(check.problems[0], /may not be sent to localhost: its hosts are 127\.0\.0\.1/);
    const result = await run(spec(stolen));
    assert.equal(result.status, "failed");
    assert.match((result as { reason: string }).reason, /may not be sent to localhost/);
    assert.equal(connections, 0, "nothing reached the admin's server");
    // Saving such a testbed is refused too.
    const problems = testbedSecretProblems({
      hypervisor: "vsphere",
      connectionJson: JSON.stringify(stolen.connection),
    });
    assert.equal(problems.length, 1);
    assert.match(
      problems[0],
      /^passwordRef: The secret env:MIGBENCH_SECRET_TEST_VC_PASSWORD may not be sent to localhost/,
    );
    assert.deepEqual(
      testbedSecretProblems({ hypervisor: "vsphere", connectionJson: JSON.stringify(testbed().connection) }),
      [],
    );
  } finally {
    await new Promise((r) => trap.close(r));
  }
});

test("TLS is never silently off: without the CA the self-signed certificate is refused", async () => {
  const r = await run(spec(testbed({ connection: { caRef: undefined } })));
  assert.equal(r.status, "failed");
  assert.match((r as { reason: string }).reason, /cannot reach .*certificate/i);
  const insecure = await vsphereAdapter.check(testbed({ connection: { caRef: undefined, insecure: true } }));
  assert.ok(insecure.details.includes("TLS certificate verification OFF (insecure: true)"));
});

test("vcsim stopped: a failed run saying the server cannot be reached", async () => {
  const second = await startVcsim({ username: "admin", password: "s3cret" });
  const tb = testbed({ connection: { url: second.url, caRef: second.caRef } });
  assert.equal((await run(spec(tb))).status, "succeeded");
  second.proc.kill("SIGTERM");
  await new Promise((r) => second.proc.once("exit", r));
  const r = await run(spec(tb));
  assert.equal(r.status, "failed");
  assert.match((r as { reason: string }).reason, /cannot reach https:\/\/127\.0\.0\.1:\d+: connection refused/);
});
