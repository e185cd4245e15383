import fs from "node:fs";
import path from "node:path";
import { QmpClient, type QueryMigrate } from "./qmp";
import { freePort, waitForFileText } from "../common/processes";
import { startQemu, stopQemu, type QemuProcess } from "./processes";
import type { GuestPlan } from "../guest/boot-sector";
import { sleep } from "../common/sleep";
import { openHeartbeatStream, type HeartbeatStream } from "../common/heartbeat";

/** One source/destination QEMU pair migrating one VM over TCP on loopback. */
export type VmPair = {
  index: number;
  dir: string;
  /** Where the destination listens: 127.0.0.1, or its address in the shaped namespace. */
  address: string;
  port: number;
  source: QemuProcess;
  destination: QemuProcess;
  sourceQmp: QmpClient | null;
  destinationQmp: QmpClient | null;
  /** Why the pair broke outside QMP (a QEMU exited), if it did. */
  broken: string | null;
  /** The guest's heartbeat on each side's serial port (the guest-observed pause). */
  heartbeats: { source: HeartbeatStream; destination: HeartbeatStream } | null;
};

/**
 * The machine every migbench QEMU runs: named (so leftovers can be found), TCG — the KVM on these
 * machines is a software KVM far slower than TCG (README, "Real migrations on this machine") — a
 * plain pc without default devices or display.
 */
export function qemuMachineArgs(name: string): string[] {
  return ["-name", name, "-accel", "tcg", "-machine", "pc", "-nodefaults", "-display", "none"];
}

function qemuArgs(name: string, image: string, memoryMiB: number, dir: string, role: "src" | "dst"): string[] {
  return [
    ...qemuMachineArgs(name),
    "-m",
    String(memoryMiB),
    "-smp",
    "1",
    "-drive",
    `file=${image},format=raw,if=ide`,
    // The serial port goes to a socket the adapter reads heartbeats from, and to a log file that
    // says when the workload is in place (QEMU logs what it would send even with nobody connected).
    "-chardev",
    `socket,id=serial0,path=${path.join(dir, `${role}.serial.sock`)},server=on,wait=off,logfile=${path.join(dir, `${role}.serial`)}`,
    "-serial",
    "chardev:serial0",
    "-qmp",
    `unix:${path.join(dir, `${role}.qmp`)},server=on,wait=off`,
  ];
}

/** Connects to a QEMU's QMP socket once it listens (the file appears just before), or says why not. */
export async function connectQmp(socket: string, proc: QemuProcess, timeoutMs = 15_000): Promise<QmpClient> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`QEMU exited before its QMP socket opened: ${proc.stderr() || `exit ${proc.child.exitCode}`}`);
    }
    if (fs.existsSync(socket)) {
      try {
        return await QmpClient.connect(socket);
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    if (Date.now() > deadline) throw new Error(`QMP socket ${socket} did not open within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

/** Starts the destination (waiting for listen()) and the source, connects QMP to both. */
export async function startPair(opts: {
  runId: number;
  index: number;
  dir: string;
  image: string;
  plan: GuestPlan;
  /** Run the destination in this namespace, listening on `address`. */
  shaped?: { namespace: string; address: string };
}): Promise<VmPair> {
  const { runId, index, plan } = opts;
  const dir = path.join(opts.dir, `vm${index}`);
  fs.mkdirSync(dir, { recursive: true });
  // QEMU locks its disk image for writing; every pair gets its own copy of the 512-byte image.
  const image = path.join(dir, "guest.img");
  fs.copyFileSync(opts.image, image);
  // A fresh namespace has all its ports free; on loopback ask the kernel for one.
  const port = opts.shaped ? 4444 + index : await freePort();
  const address = opts.shaped?.address ?? "127.0.0.1";
  const base = `migbench-run${runId}-vm${index}`;
  const destination = startQemu(
    // Deferred: capabilities both sides need (multifd, post-copy) are set before it listens (listen()).
    [...qemuArgs(`${base}-dst`, image, plan.memoryMiB, dir, "dst"), "-incoming", "defer"],
    {
      namespace: opts.shaped?.namespace,
    },
  );
  const source = startQemu(qemuArgs(`${base}-src`, image, plan.memoryMiB, dir, "src"));
  const pair: VmPair = {
    index,
    dir,
    address,
    port,
    source,
    destination,
    sourceQmp: null,
    destinationQmp: null,
    broken: null,
    heartbeats: null,
  };
  void destination.exited.then(({ code, signal }) => {
    pair.broken ??= `destination QEMU exited (${signal ?? `code ${code}`})${destination.stderr() ? `: ${destination.stderr()}` : ""}`;
  });
  void source.exited.then(({ code, signal }) => {
    pair.broken ??= `source QEMU exited (${signal ?? `code ${code}`})${source.stderr() ? `: ${source.stderr()}` : ""}`;
  });
  try {
    pair.destinationQmp = await connectQmp(path.join(dir, "dst.qmp"), destination);
    pair.sourceQmp = await connectQmp(path.join(dir, "src.qmp"), source);
    // QEMU opens its chardevs before its monitor: the serial sockets listen by now.
    const [src, dst] = await Promise.allSettled([
      openHeartbeatStream(path.join(dir, "src.serial.sock")),
      openHeartbeatStream(path.join(dir, "dst.serial.sock")),
    ]);
    if (src.status === "fulfilled" && dst.status === "fulfilled")
      pair.heartbeats = { source: src.value, destination: dst.value };
    else {
      for (const s of [src, dst]) if (s.status === "fulfilled") await s.value.close();
      const why = [src, dst].find((s) => s.status === "rejected") as PromiseRejectedResult;
      throw new Error(`Could not read the guest's serial port: ${(why.reason as Error).message}`);
    }
  } catch (error) {
    // Whatever started is stopped here: the caller never sees this pair.
    await stopPair(pair);
    throw error;
  }
  return pair;
}

/** Opens the destination's incoming migration listener (after its capabilities are set). */
export async function listen(pair: VmPair): Promise<void> {
  await pair.destinationQmp!.execute("migrate-incoming", { uri: `tcp:${pair.address}:${pair.port}` });
}

/** Waits until the source guest printed its ready marker (workload in place). */
export async function waitGuestReady(pair: VmPair, plan: GuestPlan, timeoutMs: number, signal: AbortSignal) {
  await waitForFileText(path.join(pair.dir, "src.serial"), plan.readyMarker, timeoutMs, signal);
}

/** Reads the source's migration state (only the source reports statistics). */
export function queryMigrate(pair: VmPair): Promise<QueryMigrate> {
  return pair.sourceQmp!.execute<QueryMigrate>("query-migrate");
}

/** Quits both QEMUs (QMP quit, then signals) and removes the pair's files. Never throws. */
export async function stopPair(pair: VmPair): Promise<void> {
  if (pair.heartbeats) await Promise.all([pair.heartbeats.source.close(), pair.heartbeats.destination.close()]);
  for (const qmp of [pair.sourceQmp, pair.destinationQmp]) {
    if (!qmp) continue;
    await qmp.execute("quit", undefined, { timeoutMs: 1_000 }).catch(() => {});
    qmp.close();
  }
  await Promise.all([stopQemu(pair.source), stopQemu(pair.destination)]);
  fs.rmSync(pair.dir, { recursive: true, force: true });
}
