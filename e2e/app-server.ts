import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/** A loopback port nobody listens on. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The production server (bin/serve.mjs, the build the suite runs) on a database of a test's own, in a
 * process group of its own; resolves once it listens. `stop` ends it and everything it started.
 */
export async function startAppServer(env: Record<string, string | undefined>, port: number) {
  const server: ChildProcess = spawn("node", ["bin/serve.mjs", "-p", String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", MIGBENCH_RUNNER: "off", ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
    server.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return {
    baseURL: `http://127.0.0.1:${port}`,
    async stop() {
      if (!server.pid || server.exitCode !== null) return;
      const exited = new Promise((r) => server.once("exit", r));
      process.kill(-server.pid, "SIGTERM");
      await exited;
    },
  };
}
