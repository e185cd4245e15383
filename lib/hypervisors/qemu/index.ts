import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HypervisorAdapter } from "../types";
import { buildBootImage, planGuest } from "../guest/boot-sector";
import { GUEST_MODES } from "@/lib/model/vocabulary";
import { startPair, stopPair, waitGuestReady, type VmPair } from "./pair";
import { createShapedPath, type ShapedPath } from "./shaping";
import { startWireCount, withWire, type WirePlaces } from "../common/wire-counters";
import { emulatedRateBytesPerSec } from "../common/emulated-rate";
import { sleep } from "../common/sleep";
import { ALL_CAPABLE } from "../common/capabilities";
import { resolveShaping, settingsOf, type QemuSettings } from "./settings";
import { checkQemu, qemuSettingsProblems } from "./check";
import { migrateAll } from "./migrate";

export { qemuMigrationSetup, type QemuSettings } from "./settings";

/**
 * Real live migration between local qemu-system-x86_64 processes over TCP on loopback, driven
 * through QMP. The link rate is emulated with max-bandwidth (usable rate × the testbed's scale).
 */
export const qemuAdapter: HypervisorAdapter = {
  kind: "qemu",
  label: "QEMU (local live migration, TCG)",

  settingsProblems: qemuSettingsProblems,

  capabilities() {
    return ALL_CAPABLE;
  },

  check: checkQemu,

  async migrate(spec, { onSample, signal }) {
    const parsed = settingsOf(spec.testbed);
    if ("problems" in parsed) return { status: "failed", reason: parsed.problems.join("; ") };
    const resolved = await resolveShaping(parsed.settings.shaping);
    const settings: QemuSettings = { ...parsed.settings, shaping: resolved.shaping };
    const plan = planGuest(spec.profile);
    if ("error" in plan) return { status: "failed", reason: plan.error };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `migbench-qemu-run${spec.runId}-`));
    const pairs: VmPair[] = [];
    let shaped: ShapedPath | null = null;
    try {
      if (signal.aborted) return { status: "cancelled", reason: "Cancelled while starting the VMs" };
      if (settings.shaping === "tc") {
        try {
          shaped = await createShapedPath(spec.runId, emulatedRateBytesPerSec(spec));
        } catch (error) {
          return { status: "failed", reason: `Could not shape the link: ${(error as Error).message}` };
        }
      }
      let image: string;
      try {
        image = await buildBootImage(dir, plan);
      } catch (error) {
        return {
          status: "failed",
          reason: `Could not build the guest image with nasm: ${(error as Error).message.split("\n")[0]}`,
        };
      }
      try {
        for (let i = 0; i < spec.profile.vmCount; i++) {
          if (signal.aborted) return { status: "cancelled", reason: "Cancelled while starting the VMs" };
          pairs.push(
            await startPair({
              runId: spec.runId,
              index: i,
              dir,
              image,
              plan,
              shaped: shaped ? { namespace: shaped.namespace, address: shaped.destinationAddress } : undefined,
            }),
          );
        }
        // Filling 3 GiB under TCG takes a while; allow ~20 s per GiB plus start-up.
        const readyTimeout = 20_000 + (plan.memEndBytes / 1024 ** 3) * 20_000;
        for (const pair of pairs) await waitGuestReady(pair, plan, readyTimeout, signal);
      } catch (error) {
        if (signal.aborted) return { status: "cancelled", reason: "Cancelled while starting the VMs" };
        const broken = pairs.find((p) => p.broken)?.broken;
        return { status: "failed", reason: `Could not start the VMs: ${broken ?? (error as Error).message}` };
      }
      if (plan.mode === GUEST_MODES.continuous) await sleep(500); // let dirtying get going
      try {
        // The link's own interfaces count what crossed it (both ends are on this machine).
        const wire = await startWireCount(wirePlaces(shaped));
        return withWire(await migrateAll(spec, settings, plan, pairs, onSample, signal), await wire.finish());
      } catch (error) {
        if (signal.aborted) return { status: "cancelled", reason: "Cancelled while migrating" };
        const broken = pairs.find((p) => p.broken)?.broken;
        return { status: "failed", reason: broken ?? `QMP error: ${(error as Error).message}` };
      }
    } finally {
      await Promise.all(pairs.map((p) => stopPair(p)));
      await shaped?.teardown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Where a QEMU run's link is: the shaped path's veth ends; on loopback (max-bandwidth) there is none of its own. */
function wirePlaces(shaped: ShapedPath | null): WirePlaces {
  if (shaped)
    return {
      source: { iface: shaped.hostInterface },
      destination: { iface: shaped.namespaceInterface, netns: shaped.namespace },
    };
  const why =
    "the link is emulated with max-bandwidth on loopback, which every run shares (tc shaping gives each run its own veth)";
  return { source: { why }, destination: { why } };
}
