import { test } from "node:test";
import assert from "node:assert/strict";
import { testbedReadiness } from "./testbed";

const row = (hypervisor: string, connection: object = {}, linkCount = 1) => ({
  id: 1,
  name: "t",
  hypervisor,
  sourceHost: "a",
  destinationHost: "b",
  linkScale: 1,
  connectionJson: JSON.stringify(connection),
  linkCount,
});

test("a simulator testbed with a link is ready; without one it says to add a link", () => {
  const ready = testbedReadiness(row("simulator"));
  assert.deepEqual({ ready: ready.ready, problems: ready.problems }, { ready: true, problems: [] });
  // The simulator applies every migration setting.
  assert.ok(Object.values(ready.capabilities).every((why) => why === null));
  const bare = testbedReadiness(row("simulator", {}, 0));
  assert.equal(bare.ready, false);
  assert.match(bare.problems[0], /no link yet/);
});

test("a vSphere testbed without its vCenter settings is not ready, and says which to set", () => {
  const r = testbedReadiness(row("vsphere"));
  assert.equal(r.ready, false);
  assert.ok(
    r.problems.some((p) => p.startsWith('Set "url"')),
    r.problems.join(" | "),
  );
  assert.ok(r.problems.some((p) => p.startsWith('Set "vms"')));
  const complete = testbedReadiness(
    row("vsphere", {
      url: "https://vc.example.com",
      username: "u",
      passwordRef: "env:MIGBENCH_SECRET_VC_PW",
      vms: ["app-01"],
    }),
  );
  // Complete settings are ready without contacting anything: the reference is not resolved either.
  assert.deepEqual({ ready: complete.ready, problems: complete.problems }, { ready: true, problems: [] });
  // vMotion applies no migration setting, and the form says why.
  assert.ok(Object.values(complete.capabilities).every((why) => why?.includes("vMotion chooses")));
});

test("a kind this build has no adapter for is not ready", () => {
  const r = testbedReadiness(row("hyperv"));
  assert.equal(r.ready, false);
  assert.match(r.problems[0], /no hyperv adapter/);
  assert.match(r.capabilities.postcopy!, /no hyperv adapter/);
});

test("a QEMU testbed is not ready when QEMU is not installed on this machine", () => {
  const saved = process.env.PATH;
  process.env.PATH = "/nonexistent";
  try {
    const r = testbedReadiness(row("qemu"));
    assert.equal(r.ready, false);
    assert.ok(r.problems.some((p) => p.startsWith("qemu-system-x86_64 is not installed")));
  } finally {
    process.env.PATH = saved;
  }
});
