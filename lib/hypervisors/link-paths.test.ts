import { test } from "node:test";
import assert from "node:assert/strict";
import { concurrentSelectionProblem, pathKeyOf, sharedPathProblem, type PathLink } from "./link-paths";

const link = (id: number, name: string, path: object = {}, emulated = false): PathLink => ({
  id,
  name,
  emulated,
  pathJson: JSON.stringify(path),
});
const defaults = JSON.stringify({ migrateUri: "tcp://10.0.0.2", listenAddress: "10.0.0.2" });

test("libvirt links without their own addresses share the testbed's default path: refused, naming them and what to set", () => {
  const problem = sharedPathProblem("libvirt", defaults, [link(1, "10GbE"), link(2, "40GbE")]);
  assert.match(problem!, /“10GbE” and “40GbE” would migrate over the same network path/);
  assert.match(problem!, /Migration URI and Listen address/);
  // One link of its own is enough to tell them apart; the same address given twice is not.
  assert.equal(
    sharedPathProblem("libvirt", defaults, [link(1, "10GbE"), link(2, "40GbE", { migrateUri: "tcp://10.40.0.2" })]),
    null,
  );
  assert.match(
    sharedPathProblem("libvirt", "{}", [
      link(1, "a", { migrateUri: "tcp://10.40.0.2", listenAddress: "10.40.0.2" }),
      link(2, "b", { migrateUri: "tcp://10.40.0.2", listenAddress: "10.40.0.2" }),
      link(3, "c", { migrateUri: "tcp://10.10.0.2" }),
    ])!,
    /^“a” and “b” would/,
  );
});

test("emulated links and the simulator are each their own path; vSphere links need their own vmknics", () => {
  assert.equal(sharedPathProblem("libvirt", defaults, [link(1, "a", {}, true), link(2, "b", {}, true)]), null);
  assert.equal(sharedPathProblem("simulator", "{}", [link(1, "a"), link(2, "b")]), null);
  assert.match(sharedPathProblem("vsphere", "{}", [link(1, "a"), link(2, "b")])!, /VMkernel adapter/);
  assert.equal(
    sharedPathProblem("vsphere", "{}", [
      link(1, "a", { sourceVmknic: "vmk1", destinationVmknic: "vmk1" }),
      link(2, "b", { sourceVmknic: "vmk2", destinationVmknic: "vmk2" }),
    ]),
    null,
  );
});

test("the launch form's path key says which links share a path and nothing about the path itself", () => {
  const a = pathKeyOf("libvirt", defaults, link(1, "a"));
  const b = pathKeyOf("libvirt", defaults, link(2, "b"));
  const own = pathKeyOf("libvirt", defaults, link(3, "c", { migrateUri: "tcp://10.40.0.2" }));
  assert.equal(a, b);
  assert.notEqual(a, own);
  assert.match(a!, /^[0-9a-f]{12}$/);
  assert.ok(!a!.includes("10.0.0.2"));
  assert.equal(pathKeyOf("simulator", "{}", link(1, "a")), null);
});

test("a vSphere testbed whose links select different vmknics runs one run at a time", () => {
  const links = [
    link(1, "a", { sourceVmknic: "vmk1", destinationVmknic: "vmk1" }),
    link(2, "b", { sourceVmknic: "vmk2", destinationVmknic: "vmk2" }),
  ];
  assert.match(concurrentSelectionProblem("vsphere", 2, links)!, /concurrent runs to 1 \(now 2\)/);
  assert.equal(concurrentSelectionProblem("vsphere", 1, links), null);
  assert.equal(concurrentSelectionProblem("vsphere", 4, [links[0]]), null);
  assert.equal(concurrentSelectionProblem("libvirt", 4, links), null);
});
