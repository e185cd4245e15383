import type { GuestPlan } from "../guest/boot-sector";
import { DEFAULT_SETTINGS, postcopySwitchRound, type MigrationSettings } from "@/lib/model/migration-settings";
import { virshBandwidthMiBps } from "./jobinfo";
import type { LibvirtSettings } from "./settings";

/*
 * What the libvirt adapter hands virsh: the transient domain's XML and `virsh migrate`'s arguments.
 */

/**
 * Where one side's serial port goes: a Unix socket the adapter reads the guest's heartbeat from (when
 * the side runs on this machine) and a log file that says when the workload is in place.
 */
export type SerialPaths = { socket: string; log: string };

export function domainXml(name: string, uuid: string, plan: GuestPlan, image: string, serial: SerialPaths): string {
  const esc = (s: string) => s.replace(/[&<>'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<domain type='qemu'>
  <name>${esc(name)}</name>
  <uuid>${esc(uuid)}</uuid>
  <memory unit='MiB'>${plan.memoryMiB}</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${esc(image)}'/><target dev='hda' bus='ide'/></disk>
    <serial type='unix'><source mode='bind' path='${esc(serial.socket)}'/><log file='${esc(serial.log)}' append='off'/></serial>
    <video><model type='none'/></video>
    <memballoon model='none'/>
  </devices>
</domain>
`;
}

/**
 * `virsh migrate` arguments from the testbed's settings, the run's settings variant and the link's rate
 * (virsh takes MiB/s). The variant's strategy and channels win; the testbed's autoConverge, postcopy and
 * parallelConnections apply to a variant that leaves them at their defaults.
 */
export function migrateArgs(
  settings: LibvirtSettings,
  domain: string,
  bytesPerSec: number,
  variant: MigrationSettings = DEFAULT_SETTINGS,
  /** The domain as the destination defines it (its own serial socket and log), if it differs. */
  destinationXml?: string,
): string[] {
  const rate = bytesPerSec * (variant.bandwidthScale ?? 1);
  const args = ["-c", settings.sourceUri, "migrate", "--live", "--bandwidth", String(virshBandwidthMiBps(rate))];
  const plain = variant.strategy === "precopy";
  if (settings.unsafe) args.push("--unsafe");
  if (variant.strategy === "auto-converge")
    args.push(
      ...["--auto-converge", "--auto-converge-initial", String(variant.throttleInitialPct)],
      ...["--auto-converge-increment", String(variant.throttleIncrementPct)],
    );
  else if (plain && settings.autoConverge) args.push("--auto-converge");
  if (postcopySwitchRound(variant) !== null || (plain && settings.postcopy))
    args.push("--postcopy", "--postcopy-after-precopy");
  const channels = variant.multifdChannels > 1 ? variant.multifdChannels : settings.parallelConnections;
  if (channels) args.push("--parallel", "--parallel-connections", String(channels));
  if (variant.xbzrleCacheBytes !== null)
    args.push(
      "--compressed",
      "--comp-methods",
      "xbzrle",
      "--comp-xbzrle-cache",
      String(Math.round(variant.xbzrleCacheBytes)),
    );
  if (settings.migrateUri) args.push("--migrateuri", settings.migrateUri);
  if (settings.listenAddress) args.push("--listen-address", settings.listenAddress);
  if (destinationXml) args.push("--xml", destinationXml);
  args.push(domain, settings.destinationUri);
  return args;
}

/** virsh arguments with the testbed's URIs and addresses replaced by what they are, for stored statistics. */
export function redactedArgs(args: string[], settings: LibvirtSettings): string[] {
  const names = new Map<string | undefined, string>([
    [settings.sourceUri, "<source URI>"],
    [settings.destinationUri, "<destination URI>"],
    [settings.migrateUri, "<migrate URI>"],
    [settings.listenAddress, "<listen address>"],
  ]);
  return args.map((a) => names.get(a) ?? a);
}
