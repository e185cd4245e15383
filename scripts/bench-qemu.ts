/**
 * Paired benchmark: the same 1 GiB "once" migration at a fixed rate, driven by migbench's QEMU
 * adapter and by a bare QMP script (raw socket, no migbench code on the migration path).
 * Prints the throughput ratio (goal ≥ 0.97) and achieved / configured rate (goal ≥ 0.9).
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { qemuAdapter } from "../lib/hypervisors/qemu";
import { buildBootImage, planGuest } from "../lib/hypervisors/guest/boot-sector";
import { freePort, waitForFileText } from "../lib/hypervisors/common/processes";
import { qemuMachineArgs } from "../lib/hypervisors/qemu/pair";
import { migrationSpec } from "../test-support/migration-spec";

const MiB = 1024 ** 2;
const MEMORY = 1024 * MiB;
const RATE_GBPS = 2;

async function viaMigbench(): Promise<number> {
  const result = await qemuAdapter.migrate(
    migrationSpec(
      {
        id: 0,
        name: "bench",
        hypervisor: "qemu",
        sourceHost: "localhost",
        destinationHost: "localhost",
        linkScale: 1,
        // Like for like with the bare script: QEMU's own cap on loopback.
        connection: { shaping: "max-bandwidth" },
      },
      {
        runId: 990_000 + Math.floor(Math.random() * 9999),
        link: { id: 0, name: "2 Gb/s", lineRateGbps: RATE_GBPS },
        profile: { id: 0, name: "1 GiB once", memoryBytes: MEMORY, workload: "once" },
      },
    ),
    { onSample: () => {}, signal: new AbortController().signal },
  );
  if (result.status !== "succeeded") throw new Error(`migbench run ${result.status}: ${result.reason}`);
  return result.throughputGbps!;
}

/** Minimal QMP: one JSON line out, wait for the reply with our id. */
function bareQmp(socketPath: string) {
  const socket = net.createConnection(socketPath);
  socket.setEncoding("utf8");
  let buffer = "";
  const waiters: ((m: Record<string, unknown>) => boolean)[] = [];
  socket.on("data", (d: string) => {
    buffer += d;
    let i;
    while ((i = buffer.indexOf("\n")) >= 0) {
      const msg = JSON.parse(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
      for (const w of [...waiters]) if (w(msg)) waiters.splice(waiters.indexOf(w), 1);
    }
  });
  let id = 0;
  const next = (pred: (m: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => waiters.push((m) => (pred(m) ? (resolve(m), true) : false)));
  return {
    greeting: next((m) => "QMP" in m),
    cmd(execute: string, args?: unknown) {
      const myId = ++id;
      socket.write(JSON.stringify({ execute, arguments: args, id: myId }) + "\n");
      return next((m) => m.id === myId).then((m) => m.return as Record<string, unknown>);
    },
    close: () => socket.destroy(),
  };
}

async function viaBareScript(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-bench-bare-"));
  const plan = planGuest({ memoryBytes: MEMORY, workload: "once", dirtyRateBytesPerSec: null, workingSetBytes: null });
  if ("error" in plan) throw new Error(plan.error);
  const image = await buildBootImage(dir, plan);
  const port = await freePort();
  const args = (role: string) => [
    ...qemuMachineArgs(`migbench-bench-${role}`),
    "-m",
    String(plan.memoryMiB),
    "-smp",
    "1",
    "-drive",
    `file=${path.join(dir, role + ".img")},format=raw,if=ide`,
    "-serial",
    `file:${path.join(dir, role + ".serial")}`,
    "-qmp",
    `unix:${path.join(dir, role + ".qmp")},server=on,wait=off`,
  ];
  fs.copyFileSync(image, path.join(dir, "dst.img"));
  fs.copyFileSync(image, path.join(dir, "src.img"));
  const dst = spawn("qemu-system-x86_64", [...args("dst"), "-incoming", `tcp:127.0.0.1:${port}`], { stdio: "ignore" });
  const src = spawn("qemu-system-x86_64", args("src"), { stdio: "ignore" });
  try {
    await waitForFileText(path.join(dir, "src.serial"), "D", 60_000);
    const qmp = bareQmp(path.join(dir, "src.qmp"));
    await qmp.greeting;
    await qmp.cmd("qmp_capabilities");
    await qmp.cmd("migrate-set-parameters", { "max-bandwidth": (RATE_GBPS * 1e9) / 8 });
    await qmp.cmd("migrate", { uri: `tcp:127.0.0.1:${port}` });
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const info = await qmp.cmd("query-migrate");
      if (info.status === "failed") throw new Error("bare migration failed");
      if (info.status === "completed" && (info["total-time"] as number) > 0) {
        qmp.close();
        const ram = info.ram as { transferred: number };
        return (ram.transferred * 8) / ((info["total-time"] as number) / 1000) / 1e9;
      }
    }
  } finally {
    src.kill("SIGKILL");
    dst.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchQemu(line: (label: string, value: string) => void, pairs = 2) {
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < pairs; i++) {
    // Alternate the order so drift in machine load does not favour one side.
    if (i % 2 === 0) {
      ours.push(await viaMigbench());
      bare.push(await viaBareScript());
    } else {
      bare.push(await viaBareScript());
      ours.push(await viaMigbench());
    }
  }
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  line(
    `QEMU 1 GiB once at ${RATE_GBPS} Gb/s: migbench throughput`,
    `${ours.map((x) => x.toFixed(3)).join(", ")} Gb/s (mean ${avg(ours).toFixed(3)})`,
  );
  line(
    `QEMU 1 GiB once at ${RATE_GBPS} Gb/s: bare QMP script throughput`,
    `${bare.map((x) => x.toFixed(3)).join(", ")} Gb/s (mean ${avg(bare).toFixed(3)})`,
  );
  line("QEMU throughput ratio migbench / bare (goal ≥ 0.97)", (avg(ours) / avg(bare)).toFixed(3));
  line("QEMU achieved / configured rate, migbench (goal ≥ 0.9)", (avg(ours) / RATE_GBPS).toFixed(3));
}
