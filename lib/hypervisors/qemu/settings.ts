import fs from "node:fs";
import path from "node:path";
import type { AdapterTestbed } from "../types";
import { postcopySwitchRound, type MigrationSettings } from "@/lib/model/migration-settings";
import type { QemuConnection } from "@/lib/schemas/connection";
import { adapterSettings } from "../common/settings";
import { QEMU_DEFAULT_DOWNTIME_LIMIT_MS as DEFAULT_DOWNTIME_LIMIT_MS } from "../downtime-limit";
import { shapingProblems } from "./shaping";

const DEFAULT_TIMEOUT_SEC = 180;

/**
 * What a QEMU run uses, from the testbed's connection settings (lib/schemas/connection.ts), all
 * optional: runTimeoutSec (a workload that does not converge fails with a reason after it),
 * downtimeLimitMs, autoConverge, and shaping — "tc" carries the migration over a veth pair into a
 * network namespace shaped with tc tbf, which throttles the stop-and-copy too (realistic
 * downtime); "max-bandwidth" is loopback with QEMU's own cap, which does not; "auto" (the default)
 * is tc where this machine can build the path (root, ip, tc), else max-bandwidth.
 */
export type QemuSettings = Required<
  Pick<QemuConnection, "runTimeoutSec" | "downtimeLimitMs" | "autoConverge" | "shaping">
>;

export function settingsOf(testbed: AdapterTestbed): { settings: QemuSettings } | { problems: string[] } {
  const parsed = adapterSettings("qemu", testbed);
  if ("problems" in parsed) return parsed;
  const c = parsed.settings;
  return {
    settings: {
      runTimeoutSec: c.runTimeoutSec ?? DEFAULT_TIMEOUT_SEC,
      downtimeLimitMs: c.downtimeLimitMs ?? DEFAULT_DOWNTIME_LIMIT_MS,
      autoConverge: c.autoConverge ?? false,
      shaping: c.shaping ?? "auto",
    },
  };
}

/** The shaping a run uses: "auto" becomes tc where the machine can build the path, else max-bandwidth. */
export async function resolveShaping(
  shaping: QemuSettings["shaping"],
): Promise<{ shaping: "tc" | "max-bandwidth"; why: string[] }> {
  if (shaping !== "auto") return { shaping, why: [] };
  const problems = await shapingProblems();
  return problems.length ? { shaping: "max-bandwidth", why: problems } : { shaping: "tc", why: [] };
}

type QmpCapability = { capability: string; state: boolean };

/**
 * The QMP commands a settings variant needs: capabilities for the source (and those the destination
 * must share: multifd, postcopy-ram) and parameters. The testbed's own autoConverge and downtime limit
 * (connection settings) apply where the variant leaves them at their defaults.
 */
export function qemuMigrationSetup(
  variant: MigrationSettings,
  settings: QemuSettings,
  rates: { maxBandwidth: number; linkSharePerVm: number },
) {
  const capabilities: QmpCapability[] = [];
  const destinationCapabilities: QmpCapability[] = [];
  const autoConverge =
    variant.strategy === "auto-converge" || (variant.strategy === "precopy" && settings.autoConverge);
  if (autoConverge) capabilities.push({ capability: "auto-converge", state: true });
  if (postcopySwitchRound(variant) !== null) {
    capabilities.push({ capability: "postcopy-ram", state: true });
    destinationCapabilities.push({ capability: "postcopy-ram", state: true });
  }
  if (variant.multifdChannels > 1) {
    capabilities.push({ capability: "multifd", state: true });
    destinationCapabilities.push({ capability: "multifd", state: true });
  }
  if (variant.xbzrleCacheBytes !== null) capabilities.push({ capability: "xbzrle", state: true });
  const parameters: Record<string, number> = {
    // A bandwidth cap is a share of the link, whether tc or max-bandwidth paces it.
    "max-bandwidth": Math.max(
      1,
      Math.floor(
        variant.bandwidthScale === null
          ? rates.maxBandwidth
          : Math.min(rates.maxBandwidth, rates.linkSharePerVm * variant.bandwidthScale),
      ),
    ),
    "downtime-limit": Math.round(variant.downtimeLimitMs ?? settings.downtimeLimitMs),
  };
  if (variant.strategy === "auto-converge") {
    parameters["cpu-throttle-initial"] = variant.throttleInitialPct;
    parameters["cpu-throttle-increment"] = variant.throttleIncrementPct;
  }
  if (variant.multifdChannels > 1) parameters["multifd-channels"] = variant.multifdChannels;
  if (variant.xbzrleCacheBytes !== null) parameters["xbzrle-cache-size"] = Math.round(variant.xbzrleCacheBytes);
  const destinationParameters = variant.multifdChannels > 1 ? { "multifd-channels": variant.multifdChannels } : null;
  return { capabilities, destinationCapabilities, parameters, destinationParameters };
}

/** Whether an executable of that name is in one of PATH's directories (no process is started). */
export function onPath(program: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, program), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
