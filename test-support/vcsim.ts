import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { VsphereClient } from "@/lib/hypervisors/vsphere/client";
import { text } from "@/lib/hypervisors/vsphere/soap";
import { secretsDirectory } from "@/lib/secrets/resolve";

/**
 * Starts vcsim (scripts/vcsim.sh) on a free loopback port for tests and resolves once it serves.
 * Its CA certificate is copied into the secrets directory (vcsim deletes its own when it stops) and
 * returned as a reference for the testbed (caRef) and as PEM text.
 */
export function startVcsim({ username, password }: { username?: string; password?: string } = {}): Promise<{
  proc: ChildProcess;
  url: string;
  caRef: string;
  ca: string;
}> {
  const args = [
    path.join(process.cwd(), "scripts", "vcsim.sh"),
    "--listen",
    "127.0.0.1:0",
    ...(username ? ["--username", username, "--password", password ?? ""] : []),
  ];
  return new Promise((resolve, reject) => {
    const proc = spawn("bash", args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout!.setEncoding("utf8");
    proc.stdout!.on("data", (d: string) => {
      out += d;
      const url = /URL (\S+)/.exec(out)?.[1];
      const ca = /CA (\S+)/.exec(out)?.[1];
      if (url && ca) {
        const name = `vcsim-ca-${process.pid}-${proc.pid}.pem`;
        fs.mkdirSync(secretsDirectory(), { recursive: true });
        fs.copyFileSync(ca, path.join(secretsDirectory(), name));
        resolve({ proc, url: url.replace(/\/sdk$/, ""), caRef: `file:${name}`, ca: fs.readFileSync(ca, "utf8") });
      }
    });
    proc.once("exit", (code) => reject(new Error(`vcsim exited with ${code}: ${out}`)));
  });
}

/** The name of the host a VM runs on, read from vCenter (tests verify vMotions with it). */
export async function hostOfVm({
  url,
  ca,
  username,
  password,
  vm,
}: {
  url: string;
  ca: string;
  username: string;
  password: string;
  vm: string;
}): Promise<string> {
  const client = new VsphereClient(url, { ca });
  await client.login(username, password);
  try {
    const vms = await client.list("VirtualMachine", ["name", "runtime.host"]);
    const hosts = await client.list("HostSystem", ["name"]);
    const ref = text(vms.find((v) => text(v.props.name) === vm)!.props["runtime.host"]);
    return text(hosts.find((h) => h.obj.value === ref)!.props.name)!;
  } finally {
    await client.logout();
  }
}
