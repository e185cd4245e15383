import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { CheckResult, HypervisorAdapter, MigrationResult, MigrationSpec, PerVmResult } from "../types";
import { buildBootImage, planGuest } from "../guest/boot-sector";
import { GUEST_MODES } from "@/lib/model/vocabulary";
import { waitForFileText } from "../common/processes";
import { parseJobInfo, type JobInfo } from "./jobinfo";
import { spawnVirsh, virsh, type VirshRunner } from "./virsh";
import { emulatedRateBytesPerSec } from "../common/emulated-rate";
import { sleep } from "../common/sleep";
import { throughputGbps } from "@/lib/model/rates";
import { ALL_CAPABLE } from "../common/capabilities";
import { measureGuestPause, openHeartbeatStream, type HeartbeatStream } from "../common/heartbeat";

import { domainXml, migrateArgs, redactedArgs } from "./args";
import { settingsForLink, settingsOf, wirePlacesOf } from "./settings";
import { checkLinkPaths } from "./link-check";
import { startWireCount, withWire } from "../common/wire-counters";

export { migrateArgs, redactedArgs } from "./args";
export type { LibvirtSettings } from "./settings";

/**
 * Live migration through libvirt: defines a transient guest (the boot-sector workload of the QEMU
 * adapter) on the source, `virsh migrate --live` to the destination, progress from `domjobinfo`,
 * final statistics from `domjobinfo --completed --keep-completed` on the destination, cancel with
 * `domjobabort`, and both sides' domains destroyed on every path.
 */
export const libvirtAdapter: HypervisorAdapter = {
  kind: "libvirt",
  label: "libvirt (virsh migrate --live)",

  settingsProblems(testbed) {
    const parsed = settingsOf(testbed);
    return "problems" in parsed ? parsed.problems : [];
  },

  capabilities() {
    return ALL_CAPABLE;
  },

  async check(testbed, links = []): Promise<CheckResult> {
    const parsed = settingsOf(testbed);
    if ("problems" in parsed) return { ok: false, problems: parsed.problems, details: [] };
    const { settings } = parsed;
    const runner: VirshRunner = { runAs: settings.runAs };
    const problems: string[] = [];
    const details: string[] = [];
    for (const [side, uri] of [
      ["source", settings.sourceUri],
      ["destination", settings.destinationUri],
    ] as const) {
      try {
        const out = await virsh(["-c", uri, "version"], runner, 15_000);
        details.push(
          `${side} ${uri}: ${
            out
              .split("\n")
              .find((l) => l.startsWith("Running hypervisor"))
              ?.replace("Running hypervisor: ", "") ?? "reachable"
          }`,
        );
      } catch (error) {
        problems.push(`cannot reach the ${side} ${uri}: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    const paths = await checkLinkPaths(settings, links);
    problems.push(...paths.problems);
    details.push(...paths.details);
    return { ok: problems.length === 0, problems, details };
  },

  async migrate(spec: MigrationSpec, { onSample, signal }): Promise<MigrationResult> {
    const parsed = settingsOf(spec.testbed);
    if ("problems" in parsed) return { status: "failed", reason: parsed.problems.join("; ") };
    const { settings, capBytesPerSec } = settingsForLink(parsed.settings, spec.link);
    const runner: VirshRunner = { runAs: settings.runAs };
    const plan = planGuest(spec.profile);
    if ("error" in plan) return { status: "failed", reason: plan.error };
    fs.mkdirSync(settings.workDir, { recursive: true, mode: 0o755 });
    const dir = fs.mkdtempSync(path.join(settings.workDir, `run${spec.runId}-`));
    const names = Array.from({ length: spec.profile.vmCount }, (_, i) => `migbench-run${spec.runId}-vm${i}`);
    const created: string[] = [];
    // Each VM's serial port on each side; the destination's differs (both may be on this machine).
    const serials = names.map((_, i) => ({
      source: { socket: path.join(dir, `vm${i}.src.sock`), log: path.join(dir, `vm${i}.src.serial`) },
      destination: { socket: path.join(dir, `vm${i}.dst.sock`), log: path.join(dir, `vm${i}.dst.serial`) },
    }));
    const heartbeats = names.map(() => ({
      source: null as HeartbeatStream | null,
      destination: null as HeartbeatStream | null,
    }));
    let destinationsWatched: Promise<void>[] = [];
    let leaving = false;
    let phase = "starting the guest";
    try {
      const image = await buildBootImage(dir, plan);
      if (settings.runAs) {
        // The daemons run as runAs: they must be able to use the image and write the serial log.
        fs.chmodSync(dir, 0o777);
        fs.chmodSync(image, 0o666);
      }
      for (const [i, name] of names.entries()) {
        const vmImage = path.join(dir, `${name}.img`);
        fs.copyFileSync(image, vmImage);
        fs.chmodSync(vmImage, 0o666);
        const xml = path.join(dir, `${name}.xml`);
        // The destination's definition must name the same domain: same uuid, its own serial paths.
        const uuid = randomUUID();
        fs.writeFileSync(xml, domainXml(name, uuid, plan, vmImage, serials[i].source), { mode: 0o644 });
        fs.writeFileSync(
          path.join(dir, `${name}.dst.xml`),
          domainXml(name, uuid, plan, vmImage, serials[i].destination),
          { mode: 0o644 },
        );
        try {
          await virsh(["-c", settings.sourceUri, "create", xml], runner);
        } catch (error) {
          if (signal.aborted) return { status: "cancelled", reason: "Cancelled while starting the guest" };
          return {
            status: "failed",
            reason: `Could not start the guest on the source: ${(error as Error).message}`,
          };
        }
        created.push(name);
        // A source on this machine: its serial socket is here to read the heartbeat from.
        if (fs.existsSync(serials[i].source.socket))
          heartbeats[i].source = await openHeartbeatStream(serials[i].source.socket).catch(() => null);
        await waitForFileText(
          serials[i].source.log,
          plan.readyMarker,
          20_000 + (plan.memEndBytes / 1024 ** 3) * 20_000,
          signal,
        ).catch((e) => {
          throw new Error(`guest ${i + 1} did not become ready: ${e.message}`);
        });
      }
      if (signal.aborted) return { status: "cancelled", reason: "Cancelled while starting the guest" };
      phase = "migrating";
      const variant = spec.settings;
      if (variant.strategy === "postcopy-after-rounds" && (variant.postcopyAfterRounds ?? 1) > 1)
        return {
          status: "failed",
          reason:
            "virsh switches to post-copy after the first pre-copy pass only (--postcopy-after-precopy): run post-copy after N rounds on QEMU or the simulator",
        };
      if (variant.downtimeLimitMs !== null)
        for (const name of names)
          await virsh(
            ["-c", settings.sourceUri, "migrate-setmaxdowntime", name, String(Math.round(variant.downtimeLimitMs))],
            runner,
          );

      const rate = Math.min(emulatedRateBytesPerSec(spec), capBytesPerSec ?? Infinity) / names.length;
      // The link's interfaces count what crosses it, where the worker can read them (a lab on this machine).
      const wire = await startWireCount(wirePlacesOf(settings, spec.link.path));
      const startedAt = Date.now();
      const migrations = names.map((name) => ({
        name,
        ...spawnVirsh(migrateArgs(settings, name, rate, variant, path.join(dir, `${name}.dst.xml`)), runner),
        exit: null as { code: number | null; stderr: string } | null,
        last: null as JobInfo | null,
      }));
      for (const m of migrations) void m.done.then((r) => (m.exit = r));
      // The destination's QEMU starts with the migration: read its heartbeat from the moment its serial
      // socket appears (long before the guest can resume there), when it is on this machine.
      destinationsWatched = names.map((_, i) =>
        heartbeats[i].source
          ? (async () => {
              while (!fs.existsSync(serials[i].destination.socket) && !migrations[i].exit && !leaving) await sleep(10);
              if (migrations[i].exit || leaving) return;
              heartbeats[i].destination = await openHeartbeatStream(serials[i].destination.socket).catch(() => null);
            })()
          : Promise.resolve(),
      );
      let stop: "cancel" | "timeout" | null = null;
      while (migrations.some((m) => !m.exit)) {
        await sleep(250);
        if (signal.aborted) stop = "cancel";
        else if (Date.now() - startedAt > settings.runTimeoutSec * 1000) stop = "timeout";
        if (stop) {
          for (const m of migrations)
            if (!m.exit) await virsh(["-c", settings.sourceUri, "domjobabort", m.name], runner).catch(() => {});
          await Promise.all(migrations.map((m) => m.done));
          break;
        }
        for (const m of migrations) {
          if (m.exit) continue;
          m.last = parseJobInfo(
            await virsh(["-c", settings.sourceUri, "domjobinfo", m.name], runner, 5_000).catch(() => ""),
          );
        }
        const live = migrations.map((m) => m.last).filter((j): j is JobInfo => !!j && j.processedBytes !== null);
        if (live.length) {
          onSample({
            tMs: Date.now() - startedAt,
            transferredBytes: live.reduce((a, j) => a + (j.processedBytes ?? 0), 0),
            remainingBytes: live.reduce((a, j) => a + (j.remainingBytes ?? 0), 0),
            throughputGbps: live.reduce((a, j) => a + (j.memoryBandwidthBytesPerSec ?? 0), 0) * 8e-9,
            dirtyRateBytesPerSec: live.reduce((a, j) => a + (j.dirtyRateBytesPerSec ?? 0), 0),
            round: Math.max(...live.map((j) => j.iteration ?? 0)),
          });
        }
      }
      const wireReading = await wire.finish();
      if (stop === "cancel")
        return {
          status: "cancelled",
          reason: `Cancelled while migrating: aborted with domjobabort after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
        };
      if (stop === "timeout")
        return {
          status: "failed",
          reason: `Did not complete within the ${settings.runTimeoutSec} s run timeout (aborted with domjobabort): use a faster link, a lower dirty rate, or enable autoConverge`,
        };
      const failed = migrations.find((m) => m.exit!.code !== 0);
      if (failed)
        return {
          status: "failed",
          reason: `virsh migrate failed: ${failed.exit!.stderr || `exit ${failed.exit!.code}`}`,
        };

      phase = "collecting statistics";
      if (signal.aborted)
        return {
          status: "cancelled",
          reason: "Cancelled while collecting statistics (the migration itself had completed)",
        };
      const finals: JobInfo[] = [];
      for (const m of migrations) {
        finals.push(
          parseJobInfo(
            await virsh(
              ["-c", settings.destinationUri, "domjobinfo", m.name, "--completed", "--keep-completed"],
              runner,
            ),
          ),
        );
        const state = (await virsh(["-c", settings.destinationUri, "domstate", m.name], runner)).trim();
        if (state !== "running")
          return {
            status: "failed",
            reason: `Migration completed but ${m.name} is ${state} on the destination, not running`,
          };
      }
      await Promise.all(destinationsWatched);
      const measured = await Promise.all(
        heartbeats.map(({ source, destination }) =>
          source && destination ? measureGuestPause(source, destination) : null,
        ),
      );
      const pauses = measured.map((m) => m?.guestPauseMs ?? null);
      const perVm: PerVmResult[] = finals.map((j, i) => ({
        vm: i + 1,
        durationMs: j.elapsedMs ?? 0,
        downtimeMs: j.downtimeMs,
        guestPauseMs: pauses[i],
        transferredBytes: j.processedBytes,
      }));
      const durationMs = Math.max(...perVm.map((v) => v.durationMs));
      const transferredBytes = finals.every((j) => j.processedBytes !== null)
        ? finals.reduce((a, j) => a + j.processedBytes!, 0)
        : null;
      return withWire(
        {
          status: "succeeded",
          durationMs,
          downtimeMs: finals.every((j) => j.downtimeMs !== null) ? Math.max(...finals.map((j) => j.downtimeMs!)) : null,
          guestPauseMs: pauses.every((p) => p !== null) ? Math.max(...pauses.map((p) => p!)) : null,
          transferredBytes,
          throughputGbps: transferredBytes !== null ? throughputGbps(transferredBytes, durationMs) : null,
          precopyRounds: finals.every((j) => j.iteration !== null)
            ? Math.max(...finals.map((j) => j.iteration!))
            : null,
          dirtyRateBytesPerSec:
            plan.mode === GUEST_MODES.continuous
              ? finals.reduce((a, j) => a + (j.dirtyRateBytesPerSec ?? 0), 0) || null
              : null,
          perVm: perVm.length > 1 ? perVm : undefined,
          rawStats: {
            // Connection settings are for operators: the run page shows the flags, not the URIs and addresses.
            virshMigrate: redactedArgs(migrateArgs(settings, "<domain>", rate, variant), settings),
            settings: variant,
            guest: plan,
            domjobinfo: finals.map((j) => j.raw),
            heartbeats: measured.map(
              (m, i) =>
                m ?? {
                  guestPauseMs: null,
                  why: heartbeats[i].source
                    ? "the destination's serial socket did not appear on this machine"
                    : "the guest's serial sockets are not on this machine",
                },
            ),
          },
        },
        wireReading,
      );
    } catch (error) {
      if (signal.aborted) return { status: "cancelled", reason: `Cancelled while ${phase}` };
      return { status: "failed", reason: (error as Error).message };
    } finally {
      // The watchers end at once; after them nothing opens a stream.
      leaving = true;
      await Promise.all(destinationsWatched);
      await Promise.all(heartbeats.flatMap(({ source, destination }) => [source?.close(), destination?.close()]));
      for (const name of created) {
        await virsh(["-c", settings.destinationUri, "destroy", name], runner).catch(() => {});
        await virsh(["-c", settings.sourceUri, "destroy", name], runner).catch(() => {});
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
