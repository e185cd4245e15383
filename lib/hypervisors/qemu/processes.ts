import fs from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";

/** Every QEMU this process started and has not seen exit; killed if the process itself exits. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the runner never got to clean up (crash, process.exit): no stray QEMU.
  process.on("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

export type QemuProcess = {
  child: ChildProcess;
  /** Resolves with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
};

/**
 * Starts qemu-system-x86_64 with an argument array (never through a shell), optionally inside a
 * network namespace (`ip netns exec` execs QEMU, so the child is QEMU itself).
 */
export function startQemu(args: string[], { namespace }: { namespace?: string } = {}): QemuProcess {
  installExitHook();
  const child = namespace
    ? spawn("ip", ["netns", "exec", namespace, "qemu-system-x86_64", ...args], { stdio: ["ignore", "ignore", "pipe"] })
    : spawn("qemu-system-x86_64", args, { stdio: ["ignore", "ignore", "pipe"] });
  live.add(child);
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (d: string) => {
    if (stderr.length < 8192) stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("error", (error) => {
      stderr += `\n${error.message}`;
      live.delete(child);
      resolve({ code: -1, signal: null });
    });
    child.once("exit", (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, exited, stderr: () => stderr.trim() };
}

/** Stops a QEMU: SIGTERM, then SIGKILL after graceMs; resolves once it has exited. */
export async function stopQemu(proc: QemuProcess, graceMs = 2_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill("SIGTERM");
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), graceMs);
  await proc.exited;
  clearTimeout(timer);
}

/** Names of migbench's QEMU processes still running on this machine (from the process table). */
export function listMigbenchQemuProcesses(): string[] {
  const out: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (!cmdline[0]?.includes("qemu-system")) continue;
      const name = cmdline[cmdline.indexOf("-name") + 1];
      if (cmdline.includes("-name") && name?.startsWith("migbench-")) out.push(`${pid} ${name}`);
    } catch {
      // Exited while we looked.
    }
  }
  return out;
}
