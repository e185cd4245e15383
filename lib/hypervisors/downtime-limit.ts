import { DEFAULT_MODEL_PARAMS } from "@/lib/model/precopy";
import type { MigrationSettings } from "@/lib/model/migration-settings";
import { parseConnection, storedConnectionSettings } from "@/lib/schemas/connection";

/** QEMU's own downtime limit when nothing sets one (its `downtime-limit` parameter's default), in ms. */
export const QEMU_DEFAULT_DOWNTIME_LIMIT_MS = 300;

/**
 * The downtime limit a testbed's runs migrate under when their variant sets none, in ms: QEMU's connection
 * settings, else QEMU's default; libvirt: QEMU's default; the simulator: the model's budget. Null when the
 * hypervisor chooses its own (vMotion, imported results). Reads no secret.
 */
export function testbedDowntimeLimitMs(hypervisor: string, connectionJson: string): number | null {
  if (hypervisor === "simulator") return DEFAULT_MODEL_PARAMS.downtimeLimitMs;
  if (hypervisor === "libvirt") return QEMU_DEFAULT_DOWNTIME_LIMIT_MS;
  if (hypervisor === "qemu") {
    const parsed = parseConnection("qemu", storedConnectionSettings(connectionJson));
    return (parsed.ok ? parsed.settings.downtimeLimitMs : undefined) ?? QEMU_DEFAULT_DOWNTIME_LIMIT_MS;
  }
  return null;
}

/**
 * The downtime limit a campaign's runs migrated under, in ms, for the line on its downtime chart: the
 * variants' own limit when they all set the same one, else the testbed's (`testbedDowntimeLimitMs`); null
 * when the runs had different limits or the hypervisor chooses its own.
 */
export function campaignDowntimeLimitMs(testbedLimitMs: number | null, variants: MigrationSettings[]): number | null {
  const own = [...new Set(variants.map((v) => v.downtimeLimitMs))];
  if (own.length > 1) return null;
  return own[0] ?? testbedLimitMs;
}
