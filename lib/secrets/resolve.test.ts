import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseSecretReference } from "./references";
import { resolvePassword, resolvePasswordFor, resolveSecret, secretHostProblem, secretHosts } from "./resolve";

test("references: only MIGBENCH_SECRET_ variables and relative names inside the secrets directory", () => {
  assert.deepEqual(parseSecretReference("env:MIGBENCH_SECRET_VC"), {
    ok: true,
    ref: { kind: "env", name: "MIGBENCH_SECRET_VC" },
  });
  assert.deepEqual(parseSecretReference("file:vc/password"), { ok: true, ref: { kind: "file", name: "vc/password" } });
  for (const bad of [
    "env:DATABASE_URL",
    "env:PATH",
    "env:migbench_secret_x",
    "file:/etc/shadow",
    "file:../x",
    "file:a/../../x",
    "file:./x",
    "file:a//b",
    "file:",
    "password",
    "file:.hidden",
  ]) {
    assert.equal(parseSecretReference(bad).ok, false, bad);
  }
});

test("resolution reads env and files, refuses what leads out of the directory, and never echoes a value", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-secrets-test-"));
  const dir = path.join(root, "secrets");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "vc-password"), "s3cret\nsecond line\n");
  fs.writeFileSync(path.join(root, "outside"), "do-not-read");
  fs.symlinkSync(path.join(root, "outside"), path.join(dir, "escape"));
  const previous = process.env.MIGBENCH_SECRETS_DIR;
  process.env.MIGBENCH_SECRETS_DIR = dir;
  try {
    assert.deepEqual(resolvePassword("file:vc-password"), { ok: true, value: "s3cret" });
    const escaped = resolveSecret("file:escape");
    assert.equal(escaped.ok, false);
    assert.match((escaped as { problem: string }).problem, /leads out of the secrets directory/);
    assert.doesNotMatch(JSON.stringify(escaped), /do-not-read/);
    const missing = resolveSecret("file:nope");
    assert.match((missing as { problem: string }).problem, /cannot be read from the secrets directory/);
    assert.equal(resolveSecret("file:/etc/shadow").ok, false);
    process.env.MIGBENCH_SECRET_UNIT = "from-env";
    assert.deepEqual(resolveSecret("env:MIGBENCH_SECRET_UNIT"), { ok: true, value: "from-env" });
    assert.match(
      (resolveSecret("env:MIGBENCH_SECRET_UNSET_XYZ") as { problem: string }).problem,
      /MIGBENCH_SECRET_UNSET_XYZ is not set/,
    );
    process.env.HOME_SECRET_TEST = "x";
    assert.equal(resolveSecret("env:HOME_SECRET_TEST").ok, false);
  } finally {
    process.env.MIGBENCH_SECRETS_DIR = previous;
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("a secret names the hosts it may go to, in its environment variable or a sidecar file; none means nowhere", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-secret-hosts-"));
  const previous = process.env.MIGBENCH_SECRETS_DIR;
  process.env.MIGBENCH_SECRETS_DIR = root;
  process.env.MIGBENCH_SECRET_HOSTS_VC = "pw-env";
  process.env.MIGBENCH_SECRET_HOSTS_VC_HOSTS = "VC01.lab, vc02.lab.  *.vc.lab.example";
  fs.writeFileSync(path.join(root, "vc-password"), "pw-file\n");
  fs.writeFileSync(path.join(root, "vc-password.hosts"), "vc01.lab\n[2001:db8::5]\n");
  fs.writeFileSync(path.join(root, "unlisted"), "pw\n");
  try {
    assert.deepEqual(secretHosts("env:MIGBENCH_SECRET_HOSTS_VC"), ["vc01.lab", "vc02.lab", "*.vc.lab.example"]);
    assert.equal(secretHostProblem("env:MIGBENCH_SECRET_HOSTS_VC", "vc02.lab."), null);
    assert.equal(secretHostProblem("env:MIGBENCH_SECRET_HOSTS_VC", "east.vc.lab.example"), null);
    assert.match(
      secretHostProblem("env:MIGBENCH_SECRET_HOSTS_VC", "evil.example")!,
      /may not be sent to evil\.example/,
    );
    assert.match(secretHostProblem("env:MIGBENCH_SECRET_HOSTS_VC", "vc.lab.example.evil")!, /may not be sent/);
    assert.equal(secretHostProblem("file:vc-password", "[2001:db8::5]"), null);
    assert.match(secretHostProblem("file:unlisted", "vc01.lab")!, /names no hosts .*unlisted\.hosts/);
    assert.deepEqual(resolvePasswordFor("file:vc-password", "vc01.lab"), { ok: true, value: "pw-file" });
    const refused = resolvePasswordFor("env:MIGBENCH_SECRET_HOSTS_VC", "attacker.example");
    assert.equal(refused.ok, false);
    assert.doesNotMatch(JSON.stringify(refused), /pw-env/, "the refusal never echoes the secret");
  } finally {
    process.env.MIGBENCH_SECRETS_DIR = previous;
    delete process.env.MIGBENCH_SECRET_HOSTS_VC;
    delete process.env.MIGBENCH_SECRET_HOSTS_VC_HOSTS;
    fs.rmSync(root, { recursive: true, force: true });
  }
});
