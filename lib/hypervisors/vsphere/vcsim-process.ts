import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { VsphereClient } from "./client";
import { text } from "./soap";

/**
 * Starts vcsim (scripts/vcsim.sh) on a free loopback port for tests and resolves once it serves.
 * Its CA file is copied, because vcsim deletes its own when it stops.
 */
export function startVcsim({ username, password }: { username?: string; password?: string } = {}): Promise<{ proc: ChildProcess; url: string; caFile: string }> {
  const args = [path.join(process.cwd(), "scripts", "vcsim.sh"), "--listen", "127.0.0.1:0", ...(username ? ["--username", username, "--password", password ?? ""] : [])];
  return new Promise((resolve, reject) => {
    const proc = spawn("bash", args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout!.setEncoding("utf8");
    proc.stdout!.on("data", (d: string) => {
      out += d;
      const url = /URL (\S+)/.exec(out)?.[1];
      const ca = /CA (\S+)/.exec(out)?.[1];
      if (url && ca) {
        const copy = path.join(os.tmpdir(), `migbench-vcsim-ca-${process.pid}-${proc.pid}.pem`);
        fs.copyFileSync(ca, copy);
        resolve({ proc, url: url.replace(/\/sdk$/, ""), caFile: copy });
      }
    });
    proc.once("exit", (code) => reject(new Error(`vcsim exited with ${code}: ${out}`)));
  });
}

/** The name of the host a VM runs on, read from vCenter (tests verify vMotions with it). */
export async function hostOfVm({ url, caFile, username, password, vm }: { url: string; caFile: string; username: string; password: string; vm: string }): Promise<string> {
  const client = new VsphereClient(url, { caFile });
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
