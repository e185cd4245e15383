import { execFile, spawn, type ChildProcess } from "node:child_process";

/** How virsh is run: directly, or as another user (session daemons owned by that user). */
export type VirshRunner = { runAs?: string };

function command(args: string[], { runAs }: VirshRunner): [string, string[]] {
  // Argument arrays all the way: no shell ever sees a URI or a domain name.
  return runAs ? ["runuser", ["-u", runAs, "--", "virsh", ...args]] : ["virsh", args];
}

/** Runs virsh and resolves with stdout; rejects with virsh's own error text. */
export function virsh(args: string[], runner: VirshRunner, timeoutMs = 30_000): Promise<string> {
  const [cmd, argv] = command(args, runner);
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) reject(new Error((stderr || error.message).trim().replace(/^error: /gm, "")));
      else resolve(stdout);
    });
  });
}

/** Starts a long virsh command (migrate); the caller watches its exit. */
export function spawnVirsh(
  args: string[],
  runner: VirshRunner,
): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const [cmd, argv] = command(args, runner);
  const child = spawn(cmd, argv, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once("error", (e) => resolve({ code: -1, stderr: e.message }));
    child.once("exit", (code) => resolve({ code, stderr: stderr.trim().replace(/^error: /gm, "") }));
  });
  return { child, done };
}
