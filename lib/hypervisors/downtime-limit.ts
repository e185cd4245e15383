import { DEFAULT_MODEL_PARAMS } from "@/lib/model/precopy";
import type { MigrationSettings } from "@/lib/model/migration-settings";
import { parseConnection, storedConnectionSettings } from "@/lib/schemas/connection";

/** QEMU's own downtime limit when nothing sets one (its `downtime-limit` parameter's default), in ms. */
export const QEMU_DEFAULT_DOWNTIME_LIMIT_MS = 300;

/**
 * The downtime limit a campaign's runs migrated under, in ms, for the line on its downtime chart: the
 * variants' own limit when they all set the same one; else the testbed's (QEMU: its connection settings,
 * else QEMU's default; libvirt: QEMU's default; the simulator: the model's budget). Null when the runs
 * had different limits or the hypervisor chooses its own (vMotion, imported results). Reads no secret.
 */
export function campaignDowntimeLimitMs(
  hypervisor: string,
  connectionJson: string,
  variants: MigrationSettings[],
): number | null {
  const own = [...new Set(variants.map((v) => v.downtimeLimitMs))];
  if (own.length > 1) return null;
  if (own[0] != null) return own[0];
  if (hypervisor === "simulator") return DEFAULT_MODEL_PARAMS.downtimeLimitMs;
  if (hypervisor === "libvirt") return QEMU_DEFAULT_DOWNTIME_LIMIT_MS;
  if (hypervisor === "qemu") {
    const parsed = parseConnection("qemu", storedConnectionSettings(connectionJson));
    return (parsed.ok ? parsed.settings.downtimeLimitMs : undefined) ?? QEMU_DEFAULT_DOWNTIME_LIMIT_MS;
  }
  return null;
}
