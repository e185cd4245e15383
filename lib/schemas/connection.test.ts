import { test } from "node:test";
import assert from "node:assert/strict";
import { changedSettingKeys, libvirtUriProblem, parseConnection } from "./connection";
import { testbedSchema } from "./testbed";

const base = { name: "tb", sourceHost: "a", destinationHost: "b", linkScale: "1", maxConcurrentRuns: "2", notes: "" };

function connectionErrors(hypervisor: string, connection: unknown): string[] {
  const parsed = testbedSchema.safeParse({
    ...base,
    hypervisor,
    connectionJson: typeof connection === "string" ? connection : JSON.stringify(connection),
  });
  if (parsed.success) return [];
  return parsed.error.issues.filter((i) => i.path[0] === "connectionJson").map((i) => i.message);
}

test("a password cannot hide under any key: unknown keys are refused for every kind", () => {
  // pass\u0077ord is "password" once the JSON is read; the others are the disguises that got through a regex.
  for (const json of [
    '{"pass\\u0077ord":"hunter2"}',
    '{"passwd":"x"}',
    '{"pwd":"x"}',
    '{"vcPassword":"x"}',
    '{"secret":"x"}',
    '{"PASSWORD":"x"}',
  ]) {
    for (const kind of ["simulator", "qemu", "libvirt", "vsphere"]) {
      const errors = connectionErrors(kind, json);
      assert.ok(errors.length > 0, `${kind} accepted ${json}`);
      assert.match(errors[0], /not a setting of|take no connection settings/);
    }
  }
});

test("vSphere: https only, secrets only as references with the enforced prefix or inside the secrets directory", () => {
  const ok = {
    url: "https://vc.lab.example",
    username: "u",
    passwordRef: "env:MIGBENCH_SECRET_VC",
    caRef: "file:certs/vc-ca.pem",
    vms: ["app-01"],
  };
  assert.deepEqual(connectionErrors("vsphere", ok), []);
  assert.match(connectionErrors("vsphere", { ...ok, url: "http://127.0.0.1:39999" })[0], /https:\/\//);
  assert.match(connectionErrors("vsphere", { ...ok, url: "https://u:p@vc/sdk" })[0], /just the vCenter address/);
  for (const url of ["https://vc.lab\n.example", "https://vc.lab.example\t", "https://ｖｃ.lab.example", " https://vc"])
    assert.match(connectionErrors("vsphere", { ...ok, url })[0], /control or non-ASCII/, JSON.stringify(url));
  for (const ref of [
    "env:DATABASE_URL",
    "env:HOME",
    "file:/etc/shadow",
    "file:../../etc/shadow",
    "file:a/../b",
    "/etc/shadow",
    "env:MIGBENCH_SECRET_",
    "file:",
  ]) {
    assert.ok(connectionErrors("vsphere", { ...ok, passwordRef: ref }).length > 0, `accepted ${ref}`);
  }
  assert.deepEqual(connectionErrors("vsphere", { ...ok, insecure: true, taskTimeoutSec: 60 }), []);
  assert.ok(connectionErrors("vsphere", { ...ok, insecure: "yes" }).length > 0);
});

test("libvirt URIs: qemu driver, safe transports, gated parameters and runAs by allow-list", () => {
  delete process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS;
  delete process.env.MIGBENCH_RUN_AS_USERS;
  assert.equal(libvirtUriProblem("qemu+ssh://root@kvm-01.lab:22/system"), null);
  assert.equal(libvirtUriProblem("qemu+tls://kvm-01/system?no_tty=1"), null);
  assert.equal(libvirtUriProblem("qemu:///session"), null);
  assert.match(libvirtUriProblem("qemu+ext:///system?command=/tmp/x")!, /transport "ext"/);
  assert.match(libvirtUriProblem("xen+ssh://h/system")!, /driver "xen"/);
  assert.match(libvirtUriProblem("qemu+libssh2://h/system")!, /transport "libssh2"/);
  for (const param of [
    "command=/bin/sh",
    "socket=/tmp/s",
    "netcat=/bin/nc",
    "keyfile=/root/.ssh/id",
    "no_verify=1",
    "pkipath=/tmp",
  ]) {
    assert.match(libvirtUriProblem(`qemu+ssh://h/system?${param}`)!, /refused unless the admin allows it/, param);
  }
  assert.match(libvirtUriProblem("qemu+ssh://h/system?foo=1")!, /unknown URI parameter "foo"/);
  assert.match(libvirtUriProblem("qemu+ssh://-oProxyCommand=x/system")!, /not a host name/);
  assert.match(libvirtUriProblem("qemu+ssh://h/etc/passwd")!, /path must be/);
  process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS = "socket, keyfile";
  assert.equal(libvirtUriProblem("qemu+unix:///session?socket=/run/a/libvirt-sock"), null);
  assert.match(libvirtUriProblem("qemu+ssh://h/system?command=/bin/sh")!, /refused/);
  const uris = { sourceUri: "qemu+ssh://a/system", destinationUri: "qemu+ssh://b/system" };
  assert.match(connectionErrors("libvirt", { ...uris, runAs: "root" })[0], /MIGBENCH_RUN_AS_USERS/);
  process.env.MIGBENCH_RUN_AS_USERS = "nobody,libvirt-qemu";
  assert.deepEqual(
    connectionErrors("libvirt", {
      ...uris,
      runAs: "nobody",
      migrateUri: "tcp://10.0.0.2:49152",
      listenAddress: "10.0.0.2",
      parallelConnections: 4,
    }),
    [],
  );
  assert.ok(connectionErrors("libvirt", { ...uris, migrateUri: "rdma://x; rm -rf /" }).length > 0);
  assert.ok(connectionErrors("libvirt", { ...uris, workDir: "/tmp/../etc" }).length > 0);
  delete process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS;
  delete process.env.MIGBENCH_RUN_AS_USERS;
});

test("QEMU and simulator settings are typed and bounded; stored settings are normalised JSON", () => {
  assert.deepEqual(parseConnection("qemu", { runTimeoutSec: 120, downtimeLimitMs: 300, shaping: "tc" }), {
    ok: true,
    settings: { runTimeoutSec: 120, downtimeLimitMs: 300, shaping: "tc" },
  });
  assert.equal(parseConnection("qemu", { runTimeoutSec: "120" }).ok, false);
  assert.equal(parseConnection("qemu", { shaping: "netem" }).ok, false);
  assert.equal(parseConnection("simulator", {}).ok, true);
  const parsed = testbedSchema.parse({ ...base, hypervisor: "qemu", connectionJson: '{ "runTimeoutSec": 60 }' });
  assert.equal(parsed.connectionJson, '{"runTimeoutSec":60}');
});

test("the audit log names changed setting keys, never values", () => {
  assert.deepEqual(
    changedSettingKeys(
      { url: "https://a", passwordRef: "env:MIGBENCH_SECRET_A", vms: ["x"] },
      { url: "https://a", passwordRef: "env:MIGBENCH_SECRET_B", insecure: true, vms: ["x"] },
    ),
    ["insecure", "passwordRef"],
  );
});
