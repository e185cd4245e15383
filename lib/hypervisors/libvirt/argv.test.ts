import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { libvirtAdapter, migrateArgs, redactedArgs } from "./index";
import type { AdapterTestbed } from "../types";
import { migrationSpec } from "../../../test-support/migration-spec";

// What virsh would be given, captured and never run: a stand-in `virsh` first on PATH writes each call's
// argv to a log (NUL-separated, one call per line) and answers like a reachable daemon.
let dir = "";
let log = "";
const previousPath = process.env.PATH;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-virsh-argv-"));
  log = path.join(dir, "calls");
  fs.writeFileSync(
    path.join(dir, "virsh"),
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a" >> '${log}'; done\nprintf '\\n' >> '${log}'\necho 'Running hypervisor: QEMU 7.2.0'\n`,
    { mode: 0o755 },
  );
  process.env.PATH = `${dir}:${previousPath}`;
});

after(() => {
  process.env.PATH = previousPath;
  delete process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS;
  fs.rmSync(dir, { recursive: true, force: true });
});

function calls(): string[][] {
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split("\0").filter((a) => a !== ""));
}

function testbed(connection: Record<string, unknown>): AdapterTestbed {
  return {
    id: 7,
    name: "planted",
    hypervisor: "libvirt",
    sourceHost: "kvm-01",
    destinationHost: "kvm-02",
    linkScale: 1,
    connection,
  };
}

const ROOT_SHELL = `qemu+ssh://kvm-01/system?no_tty=1;command=/usr/bin/env;keyfile=-Ssh%20-c%20'id%3E${os.tmpdir()}/pwned'`;

test("a planted URI that hides command= and keyfile= behind ';' never reaches virsh, on check or on a run", async () => {
  fs.rmSync(log, { force: true });
  for (const hostile of [
    { sourceUri: ROOT_SHELL, destinationUri: "qemu+ssh://kvm-02/system" },
    { sourceUri: "qemu+ssh://kvm-01/system", destinationUri: "qemu+ssh://kvm-02/system?no_tty=1\ncommand=/bin/sh" },
    { sourceUri: "qemu+ssh://kvm-01/system", destinationUri: "qemu+ssh://kvm-02/system", migrateUri: "tcp://h\n--xml" },
  ]) {
    const check = await libvirtAdapter.check(testbed(hostile));
    assert.equal(check.ok, false);
    assert.match(check.problems.join(" "), /Connection settings:/);
    const spec = migrationSpec(testbed(hostile));
    const result = await libvirtAdapter.migrate(spec, { onSample: () => {}, signal: new AbortController().signal });
    assert.equal(result.status, "failed");
  }
  assert.deepEqual(calls(), [], "virsh was never started");
  assert.equal(fs.existsSync(path.join(os.tmpdir(), "pwned")), false);
});

test("an accepted URI reaches virsh as written from its parts: one argument, '&' between parameters", async () => {
  fs.rmSync(log, { force: true });
  const check = await libvirtAdapter.check(
    testbed({
      sourceUri: "qemu+tls://kvm-01/system?no_tty=1;mode=direct",
      destinationUri: "qemu+ssh://me@kvm-02:2222/system",
    }),
  );
  assert.equal(check.ok, true, check.problems.join("; "));
  assert.deepEqual(calls(), [
    ["-c", "qemu+tls://kvm-01/system?no_tty=1&mode=direct", "version"],
    ["-c", "qemu+ssh://me@kvm-02:2222/system", "version"],
  ]);
});

test("a run's stored statistics name the flags, not the testbed's URIs and addresses (viewers read them)", () => {
  const settings = {
    sourceUri: "qemu+ssh://root@kvm-01.lab/system",
    destinationUri: "qemu+ssh://root@kvm-02.lab/system",
    migrateUri: "tcp://10.40.0.2",
    listenAddress: "10.40.0.2",
    unsafe: false,
    autoConverge: false,
    postcopy: false,
    runTimeoutSec: 60,
    workDir: "/tmp",
  };
  const stored = redactedArgs(migrateArgs(settings, "<domain>", 125e6), settings);
  assert.doesNotMatch(stored.join(" "), /kvm-0|10\.40/);
  assert.deepEqual(stored.slice(0, 3), ["-c", "<source URI>", "migrate"]);
  assert.equal(stored.at(-1), "<destination URI>");
  assert.ok(stored.includes("<migrate URI>") && stored.includes("<listen address>"));
});
