import fs from "node:fs";
import os from "node:os";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { AdapterTestbed, HypervisorAdapter } from "../types";
import { userfaultfdProblem } from "../common/capabilities";
import { shapingProblems } from "./shaping";
import { onPath, resolveShaping, settingsOf } from "./settings";

const run = promisify(execFile);
type CheckResult = Awaited<ReturnType<HypervisorAdapter["check"]>>;

/** What the settings lack, and whether QEMU's programs are on this machine's PATH (nothing is started). */
export function qemuSettingsProblems(testbed: AdapterTestbed): string[] {
  const parsed = settingsOf(testbed);
  // QEMU runs here: its programs being on this machine's PATH is part of the settings being usable.
  const missing = [
    ["qemu-system-x86_64", "apt-get install qemu-system-x86"],
    ["nasm", "apt-get install nasm"],
  ]
    .filter(([program]) => !onPath(program))
    .map(([program, fix]) => `${program} is not installed on this machine: ${fix}`);
  return [...("problems" in parsed ? parsed.problems : []), ...missing];
}

/** Whether QEMU can migrate here, and what this machine offers (shaping, versions, accelerator, cores). */
export async function checkQemu(testbed: AdapterTestbed): Promise<CheckResult> {
  const parsed = settingsOf(testbed);
  if ("problems" in parsed) return { ok: false, problems: parsed.problems, details: [] };
  const problems: string[] = [];
  const details: string[] = [];
  const userfaultfd = userfaultfdProblem();
  details.push(userfaultfd ? `post-copy runs will fail: ${userfaultfd}` : "post-copy: userfaultfd is available");
  const auto = parsed.settings.shaping === "auto" ? "auto: " : "";
  const shaping = await resolveShaping(parsed.settings.shaping);
  if (parsed.settings.shaping === "tc") problems.push(...(await shapingProblems()));
  if (shaping.shaping === "tc") {
    details.push(
      `link shaping: ${auto}tc tbf on a veth pair into a network namespace (throttles the stop-and-copy too)`,
    );
  } else {
    details.push(
      `link shaping: ${auto}QEMU max-bandwidth on loopback (the final stop-and-copy is not throttled: downtime is optimistic, throughput may exceed the link)${shaping.why.length ? ` — tc is not possible here: ${shaping.why.join("; ")}` : ""}`,
    );
  }
  try {
    const { stdout } = await run("qemu-system-x86_64", ["--version"], { timeout: 10_000 });
    details.push(stdout.split("\n")[0]);
  } catch {
    problems.push("qemu-system-x86_64 is not installed: apt-get install qemu-system-x86");
  }
  try {
    const { stdout } = await run("nasm", ["-v"], { timeout: 10_000 });
    details.push(stdout.trim());
  } catch {
    problems.push("nasm (to build the guest boot sector) is not installed: apt-get install nasm");
  }
  details.push(
    `accelerator: TCG${fs.existsSync("/dev/kvm") ? " (/dev/kvm exists but is a software KVM here, slower than TCG)" : ""}`,
  );
  details.push(`${os.cpus().length} host cores: figures are noisier when guests and migrations compete for them`);
  return { ok: problems.length === 0, problems, details };
}
