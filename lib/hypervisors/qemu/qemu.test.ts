import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { qemuAdapter } from "./index";
import { planGuest } from "../guest/boot-sector";
import { QmpError } from "./qmp";
import { connectQmp, qemuMachineArgs } from "./pair";
import { listMigbenchQemuProcesses, startQemu, stopQemu } from "./processes";
import type { MigrationResult, MigrationSample, MigrationSpec } from "../types";
import { migrationSpec } from "../../../test-support/migration-spec";

// Real QEMU (TCG) on this machine: `npm test` installs qemu-system-x86 and nasm when missing.
const MiB = 1024 ** 2;

function spec(
  workload: string,
  lineRateGbps: number,
  over: { memoryMiB?: number; dirtyRateBytesPerSec?: number; connection?: Record<string, unknown> } = {},
): MigrationSpec {
  const testbed = {
    id: 1,
    name: "local",
    hypervisor: "qemu",
    sourceHost: "localhost",
    destinationHost: "localhost",
    linkScale: 0.1,
    connection: over.connection ?? {},
  };
  return migrationSpec(testbed, {
    link: { name: `${lineRateGbps}GbE`, lineRateGbps, usableRateGbps: lineRateGbps, modelSetupMs: 50 },
    profile: {
      workload,
      memoryBytes: (over.memoryMiB ?? 256) * MiB,
      dirtyRateBytesPerSec: workload === "continuous" ? (over.dirtyRateBytesPerSec ?? 40e6) : null,
    },
  });
}

async function migrate(
  s: MigrationSpec,
  signal = new AbortController().signal,
  onSample: (x: MigrationSample) => void = () => {},
) {
  const samples: MigrationSample[] = [];
  const started = Date.now();
  const result = await qemuAdapter.migrate(s, {
    onSample: (x) => {
      samples.push(x);
      onSample(x);
    },
    signal,
  });
  return { result, samples, wallMs: Date.now() - started, runId: s.runId };
}

function leftovers(runId: number) {
  const procs = listMigbenchQemuProcesses().filter((p) => p.includes(`migbench-run${runId}-`));
  const dirs = fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith(`migbench-qemu-run${runId}-`));
  return [...procs, ...dirs];
}

function succeeded(result: MigrationResult) {
  assert.equal(result.status, "succeeded", result.status !== "succeeded" ? result.reason : "");
  return result as Extract<MigrationResult, { status: "succeeded" }>;
}

test("guest plans: pacing from the dirty rate, memory limits", () => {
  const plan = planGuest(
    { memoryBytes: 256 * MiB, workload: "continuous", dirtyRateBytesPerSec: 40.96e6, workingSetBytes: null },
    2.6e9,
  );
  assert.ok(!("error" in plan));
  assert.equal(plan.mode, 3);
  assert.equal(plan.pagesPerSec, 10_000);
  assert.equal(plan.tscStep, 260_000);
  assert.equal(plan.memEndBytes, 256 * MiB);
  const once = planGuest({
    memoryBytes: 1024 * MiB,
    workload: "once",
    dirtyRateBytesPerSec: null,
    workingSetBytes: null,
  });
  assert.ok(!("error" in once) && once.mode === 1 && once.readyMarker === "D");
  const big = planGuest({
    memoryBytes: 16 * 1024 * MiB,
    workload: "once",
    dirtyRateBytesPerSec: null,
    workingSetBytes: null,
  });
  assert.ok("error" in big && /at most 3 GiB/.test(big.error));
});

test("QMP client: commands, QEMU's errors, and a QEMU that dies", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-qmp-test-"));
  const socket = path.join(dir, "qmp.sock");
  const proc = startQemu([
    ...qemuMachineArgs("migbench-qmp-test"),
    "-S",
    "-m",
    "32",
    "-qmp",
    `unix:${socket},server=on,wait=off`,
  ]);
  try {
    const qmp = await connectQmp(socket, proc);
    const status = await qmp.execute<{ status: string; running: boolean }>("query-status");
    assert.equal(status.running, false);
    assert.equal(status.status, "prelaunch");
    await assert.rejects(
      qmp.execute("no-such-command"),
      (e: unknown) => e instanceof QmpError && e.errorClass === "CommandNotFound",
    );
    // A command in flight when QEMU dies may be answered or not; once it is gone, commands fail.
    const pending = qmp.execute("query-status", undefined, { timeoutMs: 5_000 }).catch((e: unknown) => e);
    const exited = new Promise((resolve) => proc.child.once("exit", resolve));
    proc.child.kill("SIGKILL");
    await exited;
    await pending;
    await assert.rejects(qmp.execute("query-status", undefined, { timeoutMs: 5_000 }), /closed|timed out|error/);
    qmp.close();
  } finally {
    await stopQemu(proc);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("real migrations: idle ≪ memory, once ≈ memory, continuous > memory over several rounds", async () => {
  const memory = 256 * MiB;
  const idle = await migrate(spec("idle", 10));
  const once = await migrate(spec("once", 10));
  const cont = await migrate(spec("continuous", 10, { dirtyRateBytesPerSec: 40e6 }));
  const i = succeeded(idle.result);
  const o = succeeded(once.result);
  const c = succeeded(cont.result);
  assert.ok(i.transferredBytes! < memory / 20, `idle sent ${i.transferredBytes}`);
  assert.ok(
    o.transferredBytes! > memory * 0.95 && o.transferredBytes! < memory * 1.2,
    `once sent ${o.transferredBytes}`,
  );
  assert.ok(c.transferredBytes! > memory * 1.1, `continuous sent ${c.transferredBytes}`);
  assert.ok(c.precopyRounds! > 1, `continuous took ${c.precopyRounds} rounds`);
  // Paced to 40 MB/s; a TCG guest short of CPU on a loaded machine dirties less (seen: 11 MB/s), never more.
  assert.ok(
    c.dirtyRateBytesPerSec! > 5e6 && c.dirtyRateBytesPerSec! < 80e6,
    `observed dirty rate ${c.dirtyRateBytesPerSec}`,
  );
  // The emulated 1 Gb/s holds: achieved throughput within 0.8–1.3 Gb/s.
  assert.ok(o.throughputGbps! > 0.8 && o.throughputGbps! < 1.3, `once at ${o.throughputGbps} Gb/s`);
  assert.ok(o.downtimeMs! >= 0 && o.downtimeMs! < 2_000);
  // Samples at ≥ 5 per second while it ran, remaining bytes falling.
  assert.ok(
    once.samples.length >= (o.durationMs / 1000) * 5 * 0.8,
    `${once.samples.length} samples in ${o.durationMs} ms`,
  );
  assert.ok(once.samples[once.samples.length - 1].remainingBytes < once.samples[0].remainingBytes);
  // rawStats keep QEMU's own final statistics.
  const raw = o.rawStats as { accelerator: string; vms: { queryMigrate: { status: string } }[] };
  assert.equal(raw.accelerator, "tcg");
  assert.equal(raw.vms[0].queryMigrate.status, "completed");
  for (const r of [idle, once, cont]) assert.deepEqual(leftovers(r.runId), []);
});

test("a faster emulated link migrates the same guest faster", async () => {
  const slow = succeeded((await migrate(spec("once", 10))).result);
  const fast = succeeded((await migrate(spec("once", 27))).result);
  assert.ok(fast.durationMs < slow.durationMs / 1.7, `1 Gb/s: ${slow.durationMs} ms, 2.7 Gb/s: ${fast.durationMs} ms`);
});

test("concurrent VMs share the link and report per-VM results", async () => {
  const s = spec("once", 10, { memoryMiB: 128 });
  s.profile.vmCount = 2;
  const { result, runId } = await migrate(s);
  const r = succeeded(result);
  assert.equal(r.perVm?.length, 2);
  assert.ok(r.transferredBytes! > 2 * 128 * MiB * 0.95);
  // Two 128 MiB VMs at half the link each take about as long as one 256 MiB VM at the whole link.
  assert.ok(r.durationMs > 1_500, `${r.durationMs} ms`);
  assert.deepEqual(leftovers(runId), []);
});

test("the destination killed mid-migration gives a failed run with the reason, and no leftovers", async () => {
  const s = spec("once", 10, { memoryMiB: 1024 });
  let killed = false;
  // The first progress sample means the migration is under way: the destination dies then.
  const { result } = await migrate(s, undefined, () => {
    if (killed) return;
    const dst = listMigbenchQemuProcesses().find((p) => p.endsWith(`migbench-run${s.runId}-vm0-dst`));
    if (!dst) return;
    process.kill(Number(dst.split(" ")[0]), "SIGKILL");
    killed = true;
  });
  assert.ok(killed, "found the destination to kill");
  assert.equal(result.status, "failed");
  assert.match((result as { reason: string }).reason, /destination QEMU exited \(SIGKILL\)|migration failed/);
  assert.deepEqual(leftovers(s.runId), []);
});

test("cancel aborts the migration at its first sample and stops both QEMUs", async () => {
  const s = spec("once", 10, { memoryMiB: 1024 });
  const controller = new AbortController();
  const { result } = await migrate(s, controller.signal, () => controller.abort());
  assert.equal(result.status, "cancelled");
  assert.match((result as { reason: string }).reason, /while migrating/);
  assert.deepEqual(leftovers(s.runId), []);
});

test("cancel while the guests are starting is a cancelled run, saying so", async () => {
  const s = spec("once", 10, { memoryMiB: 1024 });
  const controller = new AbortController();
  const pending = migrate(s, controller.signal);
  // migrate() is now in its first step (building and starting the guests).
  controller.abort();
  const { result } = await pending;
  assert.equal(result.status, "cancelled");
  assert.match((result as { reason: string }).reason, /while starting the VMs/);
  assert.deepEqual(leftovers(s.runId), []);
});

test("a workload that cannot converge hits the run timeout and fails with advice", async () => {
  // 200 MB/s of dirtying against 125 MB/s of link.
  const s = spec("continuous", 10, { dirtyRateBytesPerSec: 200e6, connection: { runTimeoutSec: 6 } });
  const { result, wallMs } = await migrate(s);
  assert.equal(result.status, "failed");
  const reason = (result as { reason: string }).reason;
  assert.match(reason, /Did not complete within the 6 s run timeout/);
  assert.match(reason, /faster link, a lower dirty rate, or enable auto-converge/);
  assert.ok(wallMs < 30_000);
  assert.deepEqual(leftovers(s.runId), []);
});

test("check() reports the tools it found", async () => {
  const check = await qemuAdapter.check({
    id: 1,
    name: "x",
    hypervisor: "qemu",
    sourceHost: "a",
    destinationHost: "b",
    linkScale: 0.1,
    connection: {},
  });
  assert.equal(check.ok, true, check.problems.join("; "));
  assert.ok(check.details.some((d) => d.startsWith("QEMU emulator version")));
  assert.ok(check.details.some((d) => d.startsWith("NASM version")));
});

test("the shaped path (veth + tc tbf into a namespace) carries the migration at the link rate and is removed after", async () => {
  const { execFileSync } = await import("node:child_process");
  const s = spec("once", 10, { connection: { shaping: "tc" } });
  const { result, runId } = await migrate(s);
  const r = succeeded(result);
  assert.ok(r.throughputGbps! > 0.7 && r.throughputGbps! < 1.1, `shaped throughput ${r.throughputGbps} Gb/s`);
  const raw = r.rawStats as { shaping: { method: string }; wire: { source: { iface: string; txBytes: number } } };
  assert.match(raw.shaping.method, /tc tbf/);
  // The veth's own counters saw the migration cross it: about what QEMU reports sending (plus TCP/IP headers).
  assert.equal(raw.wire.source.iface, `mb${runId}h`);
  assert.ok(
    r.wireBytes! >= 0.95 * r.transferredBytes! && r.wireBytes! < 1.2 * r.transferredBytes!,
    `on the wire ${r.wireBytes} B, QEMU reported ${r.transferredBytes} B`,
  );
  assert.deepEqual(leftovers(runId), []);
  assert.ok(
    !execFileSync("ip", ["netns", "list"], { encoding: "utf8" }).includes(`migbench-${runId}`),
    "namespace removed",
  );
  // The kernel removes the veth pair after its namespace, asynchronously: wait for that, bounded.
  const deadline = Date.now() + 10_000;
  while (
    execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" }).includes(`mb${runId}h`) &&
    Date.now() < deadline
  )
    await new Promise((r) => setImmediate(r));
  assert.ok(!execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" }).includes(`mb${runId}h`), "veth removed");
});

test("by default a machine that can shapes the link with tc: the rate holds and the downtime follows the limit", async () => {
  const at = async (downtimeLimitMs: number) => {
    const s = spec("once", 10);
    const { result } = await migrate({ ...s, settings: { ...s.settings, downtimeLimitMs } });
    return succeeded(result);
  };
  const tight = await at(100);
  const loose = await at(400);
  const raw = tight.rawStats as { shaping: { method: string } };
  assert.match(raw.shaping.method, /tc tbf/, "auto chose tc (root, ip and tc are here)");
  // A 256 MiB guest written once at 1 Gb/s: within ±10% of the link, not above it (no emulation leak).
  for (const r of [tight, loose])
    assert.ok(r.throughputGbps! > 0.9 && r.throughputGbps! < 1.1, `throughput ${r.throughputGbps} Gb/s`);
  // Pre-copy stops once what is pending fits the budget, so even a guest that dirties nothing pauses for
  // about the limit: far more than loopback's unthrottled tens of ms, and more under a looser limit.
  assert.ok(tight.downtimeMs! >= 20 && tight.downtimeMs! <= 150, `downtime at 100 ms: ${tight.downtimeMs} ms`);
  assert.ok(loose.downtimeMs! >= 200 && loose.downtimeMs! <= 500, `downtime at 400 ms: ${loose.downtimeMs} ms`);
  assert.ok(loose.downtimeMs! > tight.downtimeMs! + 100);
});

/** This process's open sockets (QMP and serial connections among them). */
function openSockets() {
  return fs
    .readdirSync("/proc/self/fd")
    .filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith("socket:");
      } catch {
        return false;
      }
    })
    .sort();
}

test("the guest's heartbeat measures the pause it felt: at least the reported downtime, longer under a looser limit", async () => {
  const before = openSockets();
  const at = async (downtimeLimitMs: number) => {
    const s = spec("once", 10);
    const { result, runId } = await migrate({ ...s, settings: { ...s.settings, downtimeLimitMs } });
    assert.deepEqual(leftovers(runId), []);
    return succeeded(result);
  };
  const tight = await at(100);
  const loose = await at(1000);
  for (const r of [tight, loose]) {
    const beats = (r.rawStats as { heartbeats: { sourceBeats: number; destinationBeats: number }[] }).heartbeats[0];
    // ~1 kHz on the source while it ran (seconds of boot and pre-copy), and the destination beat after resuming.
    assert.ok(beats.sourceBeats > 500 && beats.destinationBeats >= 1, JSON.stringify(beats));
    // The guest stops before QEMU starts its downtime clock ends and resumes after the source reports it.
    assert.ok(
      r.guestPauseMs! >= r.downtimeMs!,
      `guest-observed ${r.guestPauseMs} ms vs reported downtime ${r.downtimeMs} ms`,
    );
  }
  assert.ok(
    loose.guestPauseMs! > tight.guestPauseMs! + 300,
    `pause ${tight.guestPauseMs} ms at a 100 ms limit, ${loose.guestPauseMs} ms at 1000 ms`,
  );
  // Both sides' serial connections (and QMP's) are closed again.
  assert.deepEqual(openSockets(), before);
});
