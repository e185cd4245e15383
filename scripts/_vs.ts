import { vsphereAdapter } from "@/lib/hypervisors/vsphere";
process.env.VC_PW = "x";
const testbed = { id: 1, name: "vc", hypervisor: "vsphere", sourceHost: "DC0_C0_H0", destinationHost: "DC0_C0_H1", linkScale: 1, connection: { url: "https://127.0.0.1:18990", username: "u", passwordRef: "env:VC_PW", caFile: "/tmp/vcsim-1850027221", vms: ["DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1"] } };
(async () => {
  console.log(JSON.stringify(await vsphereAdapter.check(testbed)));
  const spec: any = { runId: 1, iteration: 1, attempt: 1, seed: 1, testbed, link: {}, profile: { vmCount: 1 }, options: { timeScale: 1 } };
  const r1: any = await vsphereAdapter.migrate(spec, { onSample() {}, signal: new AbortController().signal });
  console.log(r1.status, r1.reason ?? "", r1.durationMs, JSON.stringify(r1.rawStats?.moves?.[0] ?? {}).slice(0, 300));
  const r2: any = await vsphereAdapter.migrate(spec, { onSample() {}, signal: new AbortController().signal });
  console.log(r2.status, r2.reason ?? "", JSON.stringify(r2.rawStats?.moves?.[0]?.from), "->", JSON.stringify(r2.rawStats?.moves?.[0]?.to));
  const bad: any = await vsphereAdapter.migrate({ ...spec, testbed: { ...testbed, destinationHost: "esx-02" } }, { onSample() {}, signal: new AbortController().signal });
  console.log(bad.status, bad.reason);
})();
