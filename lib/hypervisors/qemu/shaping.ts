import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A network namespace reached over a veth pair whose host side is shaped with tc tbf. */
export type ShapedPath = {
  namespace: string;
  hostInterface: string;
  /** The veth end inside the namespace (the destination's side). */
  namespaceInterface: string;
  /** The destination's address inside the namespace. */
  destinationAddress: string;
  teardown: () => Promise<void>;
};

async function ip(...args: string[]) {
  await run("ip", args, { timeout: 10_000 });
}

/**
 * Builds the shaped path for one run: namespace `migbench-<run>`, veth pair, addresses in
 * 10.200.0.0/10 (one /30 per run), and `tc qdisc ... tbf rate <rate> burst 2mb latency 50ms` on the
 * host side, which throttles all migration traffic including the final stop-and-copy.
 */
export async function createShapedPath(runId: number, rateBytesPerSec: number): Promise<ShapedPath> {
  const namespace = `migbench-${runId}`;
  const hostInterface = `mb${runId}h`;
  const nsInterface = `mb${runId}n`;
  const k = runId % (50 * 256);
  const prefix = `10.${200 + Math.floor(k / 256)}.${k % 256}`;
  const hostAddress = `${prefix}.1`;
  const destinationAddress = `${prefix}.2`;
  const teardown = async () => {
    await ip("netns", "del", namespace).catch(() => {});
    await ip("link", "del", hostInterface).catch(() => {});
  };
  try {
    await teardown(); // leftovers of an earlier crash with the same run id
    await ip("netns", "add", namespace);
    await ip("link", "add", hostInterface, "type", "veth", "peer", "name", nsInterface);
    await ip("link", "set", nsInterface, "netns", namespace);
    await ip("addr", "add", `${hostAddress}/30`, "dev", hostInterface);
    await ip("link", "set", hostInterface, "up");
    await ip("netns", "exec", namespace, "ip", "addr", "add", `${destinationAddress}/30`, "dev", nsInterface);
    await ip("netns", "exec", namespace, "ip", "link", "set", nsInterface, "up");
    await ip("netns", "exec", namespace, "ip", "link", "set", "lo", "up");
    await run(
      "tc",
      [
        "qdisc",
        "add",
        "dev",
        hostInterface,
        "root",
        "tbf",
        "rate",
        `${Math.round(rateBytesPerSec * 8)}bit`,
        "burst",
        "2mb",
        "latency",
        "50ms",
      ],
      { timeout: 10_000 },
    );
  } catch (error) {
    await teardown();
    const e = error as { stderr?: string; message: string };
    throw new Error(
      `could not build the shaped network path (needs root, iproute2 and tc): ${(e.stderr || e.message).trim().split("\n")[0]}`,
    );
  }
  return { namespace, hostInterface, namespaceInterface: nsInterface, destinationAddress, teardown };
}

/** Whether a shaped path can be built here: root, `ip` and `tc` present. */
export async function shapingProblems(): Promise<string[]> {
  const problems: string[] = [];
  if (typeof process.getuid === "function" && process.getuid() !== 0)
    problems.push("Shaping with tc needs root (network namespaces and qdiscs)");
  for (const [tool, pkg] of [
    ["ip", "iproute2"],
    ["tc", "iproute2"],
  ] as const) {
    await run(tool, ["-V"], { timeout: 5_000 }).catch(() =>
      problems.push(`${tool} is not installed: apt-get install ${pkg}`),
    );
  }
  return problems;
}
