import { test } from "node:test";
import assert from "node:assert/strict";
import { linkSchema } from "./link";
import { parseLinkPath, storedLinkPath } from "./link-path";

test("a link's path settings are checked per kind: strict keys, URIs written back, interface and vmknic names", () => {
  const libvirt = parseLinkPath("libvirt", {
    migrateUri: "tcp://10.40.0.2:49152/",
    listenAddress: "10.40.0.2",
    bandwidthMiBps: 1200,
    sourceInterface: "ens1f0",
    destinationInterface: "ens1f0",
  });
  assert.deepEqual(libvirt.ok && libvirt.path.migrateUri, "tcp://10.40.0.2:49152");
  // A vSphere key on a libvirt link, a URI with a query, an interface name with a slash: each refused, by key.
  const bad = parseLinkPath("libvirt", {
    sourceVmknic: "vmk1",
    migrateUri: "tcp://h/?x=1",
    sourceInterface: "../eth0",
  });
  assert.equal(bad.ok, false);
  const keys = !bad.ok ? bad.problems.map((p) => p.key).sort() : [];
  assert.deepEqual(keys, ["migrateUri", "sourceInterface", "sourceVmknic"]);
  assert.equal(parseLinkPath("vsphere", { sourceVmknic: "vmk1", destinationVmknic: "vmk12" }).ok, true);
  assert.equal(parseLinkPath("vsphere", { sourceVmknic: "eth0" }).ok, false);
  assert.equal(parseLinkPath("simulator", { listenAddress: "10.0.0.1" }).ok, false);
  assert.equal(parseLinkPath("qemu", { listenAddress: "10.0.0.1; rm -rf /" }).ok, false);
  assert.deepEqual(storedLinkPath("not json"), {});
});

test("the link form's path inputs become the stored JSON; empty inputs fall back to the testbed's defaults", () => {
  const out = linkSchema.parse({
    testbedId: "3",
    name: "40GbE",
    lineRateGbps: "40",
    path_migrateUri: "tcp://10.40.0.2",
    path_listenAddress: "",
    path_bandwidthMiBps: "500",
  });
  assert.deepEqual(JSON.parse(out.pathJson), { migrateUri: "tcp://10.40.0.2", bandwidthMiBps: 500 });
  const none = linkSchema.parse({ testbedId: "3", name: "10GbE", lineRateGbps: "10" });
  assert.equal(none.pathJson, "{}");
  assert.equal(
    linkSchema.safeParse({ testbedId: "3", name: "x", lineRateGbps: "1", path_migrateUri: "x".repeat(301) }).success,
    false,
  );
});
