/**
 * What the adapters that start processes share: a free TCP port, and waiting for a file (a serial
 * console, a log) to contain a mark — abortable, so a cancelled run stops waiting at once.
 */
import fs from "node:fs";
import net from "node:net";
import { sleep } from "./sleep";

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the file contains text; rejects after timeoutMs or once the signal aborts. */
export async function waitForFileText(
  file: string,
  text: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (fs.readFileSync(file, "utf8").includes(text)) return;
    } catch {
      // Not created yet.
    }
    if (signal?.aborted) throw new Error("aborted");
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s`);
    await sleep(50, signal);
  }
}
