import { test } from "node:test";
import assert from "node:assert/strict";
import { resultWithoutSettings, withoutSettings } from "./redact";
import type { AdapterTestbed } from "../types";

const testbed = (connection: Record<string, unknown>): AdapterTestbed => ({
  id: 1,
  name: "rack 4",
  hypervisor: "libvirt",
  sourceHost: "kvm-01",
  destinationHost: "kvm-02",
  linkScale: 1,
  connection,
});

test("a stored reason names the settings it would quote; display names and VM names stay", () => {
  const libvirt = testbed({
    sourceUri: "qemu+ssh://root@kvm-01.lab.example:22/system?no_tty=1",
    destinationUri: "qemu+ssh://root@10.40.0.2/system",
    migrateUri: "tcp://10.40.0.2",
  });
  assert.equal(
    withoutSettings(
      "virsh migrate failed: unable to connect to server at 'kvm-01.lab.example:22': cannot reach 10.40.0.2 (qemu+ssh://root@10.40.0.2/system) from kvm-01",
      libvirt,
    ),
    "virsh migrate failed: unable to connect to server at '‹host of sourceUri›:22': cannot reach ‹host of destinationUri› (‹destinationUri›) from kvm-01",
  );
  const vsphere = testbed({
    url: "https://vc01.lab.example",
    username: "svc-migbench",
    passwordRef: "env:MIGBENCH_SECRET_VC",
    caRef: "file:certs/vc-ca.pem",
    vms: ["app-01"],
  });
  const stored = resultWithoutSettings(
    {
      status: "failed",
      reason: 'vCenter refused the login for user "svc-migbench" at https://vc01.lab.example: VM "app-01"',
      rawStats: { tls: "TLS verified against the CA certificate file:certs/vc-ca.pem", moves: [{ vm: "app-01" }] },
    },
    vsphere,
  );
  assert.deepEqual(stored, {
    status: "failed",
    reason: 'vCenter refused the login for user "‹username›" at ‹url›: VM "app-01"',
    rawStats: { tls: "TLS verified against the CA certificate ‹caRef›", moves: [{ vm: "app-01" }] },
  });
});
