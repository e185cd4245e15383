import { test } from "node:test";
import assert from "node:assert/strict";
import { concurrentSelectionProblem, pathLabels, sharedPathProblem, type PathLink } from "./link-paths";

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
  // A side left to the host's choice is no path of the link's own; vmk01 is vmk1.
  assert.match(
    sharedPathProblem("vsphere", "{}", [
      link(1, "a", { sourceVmknic: "vmk1" }),
      link(2, "b", { destinationVmknic: "vmk1" }),
    ])!,
    /“a” and “b” name no VMkernel adapter on one host or both/,
  );
  assert.equal(
    sharedPathProblem("vsphere", "{}", [
      link(1, "a", { sourceVmknic: "vmk1", destinationVmknic: "vmk1" }),
      link(2, "b", { sourceVmknic: "vmk2", destinationVmknic: "vmk2" }),
    ]),
    null,
  );
});

test("the launch form's path labels say which links share a path and nothing about the path itself", () => {
  const labels = pathLabels("libvirt", defaults, [
    link(1, "a"),
    link(2, "b"),
    link(3, "c", { migrateUri: "tcp://10.40.0.2" }),
    link(4, "d", {}, true),
  ]);
  assert.deepEqual([...labels.values()], ["path 1", "path 1", "path 2", null]);
  assert.equal(pathLabels("simulator", "{}", [link(1, "a")]).get(1), null);
});

test("one path however it is written: port, case, IPv4 and IPv6 notations; the listen address does not make another", () => {
  const same = (a: object, b: object) =>
    assert.match(sharedPathProblem("libvirt", "{}", [link(1, "a", a), link(2, "b", b)]) ?? "", /same network path/);
  same({ migrateUri: "tcp://10.0.0.2" }, { migrateUri: "tcp://10.0.0.2:49152" });
  same(
    { migrateUri: "tcp://10.0.0.2", listenAddress: "10.0.0.2" },
    { migrateUri: "tcp://10.0.0.2", listenAddress: "0.0.0.0" },
  );
  same({ migrateUri: "tcp://[2001:db8::1]" }, { migrateUri: "tcp://[2001:DB8:0::1]" });
  same({ migrateUri: "tcp://Dest" }, { migrateUri: "tcp://dest" });
  same({ migrateUri: "tcp://10.0.0.02" }, { migrateUri: "tcp://167772162" });
  same({}, { listenAddress: "10.9.9.9" });
  assert.match(
    sharedPathProblem("libvirt", defaults, [link(1, "a"), link(2, "b", { migrateUri: "tcp://10.0.0.2:1" })])!,
    /same/,
  );
  // QEMU links that are not emulated all run over loopback.
  assert.match(sharedPathProblem("qemu", "{}", [link(1, "a"), link(2, "b")])!, /same network path/);
});

test("a vSphere testbed whose links select different vmknics runs one run at a time", () => {
  const links = [
    link(1, "a", { sourceVmknic: "vmk1", destinationVmknic: "vmk1" }),
    link(2, "b", { sourceVmknic: "vmk2", destinationVmknic: "vmk2" }),
  ];
  assert.match(concurrentSelectionProblem("vsphere", 2, links)!, /concurrent runs to 1 \(now 2\)/);
  assert.equal(concurrentSelectionProblem("vsphere", 1, links), null);
  // One link at two runs at once would restore the host's selection under the other run.
  assert.match(concurrentSelectionProblem("vsphere", 4, [links[0]])!, /“a” selects a VMkernel adapter/);
  assert.equal(concurrentSelectionProblem("vsphere", 4, [link(3, "c")]), null);
  assert.equal(concurrentSelectionProblem("libvirt", 4, links), null);
});
