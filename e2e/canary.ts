import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { plantTestbed } from "./db";

/**
 * A libvirt testbed planted straight into the database (as if saved before the URI rules existed)
 * whose URIs name a program through libvirt's `command=`: the program leaves a file behind if it ever
 * runs. `ran()` says whether it did; `remove()` deletes the program.
 */
export async function plantLibvirtCanary(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-canary-"));
  const marker = path.join(dir, "ran");
  fs.writeFileSync(path.join(dir, "canary.sh"), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
  const planted = await plantTestbed(name, "libvirt", {
    sourceUri: `qemu+ext:///system?command=${dir}/canary.sh`,
    destinationUri: `qemu+ext:///system?command=${dir}/canary.sh`,
  });
  return {
    planted,
    ran: () => fs.existsSync(marker),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
