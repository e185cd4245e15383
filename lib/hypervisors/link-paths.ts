import { createHash } from "node:crypto";
import { storedLinkPath, type LinkPath } from "@/lib/schemas/link-path";
import { storedConnectionSettings } from "@/lib/schemas/connection";

/*
 * Whether two links of a testbed are two paths. On the simulator, and for links whose rate is emulated (a
 * namespace and veth per run, or a rate cap on one machine), each link is its own; on real hosts a link is its
 * own path only when it names its own addresses (libvirt, QEMU) or VMkernel adapters (vSphere), else it falls
 * back to the testbed-wide default, which every such link shares.
 */

export type PathLink = { id: number; name: string; emulated: boolean; pathJson: string };

/** The path a link's migrations take as a comparable string; null when the link is its own path whatever it sets. */
export function effectivePath(kind: string, connectionJson: string, link: PathLink): string | null {
  if (kind === "simulator" || link.emulated) return null;
  const path: LinkPath = storedLinkPath(link.pathJson);
  const testbed = storedConnectionSettings(connectionJson);
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  switch (kind) {
    case "libvirt":
      return `libvirt ${path.migrateUri ?? text(testbed.migrateUri)} ${path.listenAddress ?? text(testbed.listenAddress)}`;
    case "vsphere":
      return `vsphere ${path.sourceVmknic ?? ""} ${path.destinationVmknic ?? ""}`;
    case "qemu":
      return `qemu ${path.listenAddress ?? ""}`;
    default:
      return `${kind}`;
  }
}

/** An opaque stand-in for a link's path, equal for links that share one (what the launch form may see). */
export function pathKeyOf(kind: string, connectionJson: string, link: PathLink): string | null {
  const path = effectivePath(kind, connectionJson, link);
  return path === null ? null : createHash("sha256").update(path).digest("hex").slice(0, 12);
}

/** What a user sets so that each link of a kind is its own path. */
const WHAT_TO_SET: Record<string, string> = {
  libvirt:
    "give each link its own Migration URI and Listen address (the destination's address on that NIC) on the testbed page",
  vsphere: "give each link its own source and destination VMkernel adapter (e.g. vmk1, vmk2) on the testbed page",
  qemu: "give each link its own Listen address on the testbed page",
};

/**
 * Groups of the chosen links that would migrate over one path, as a sentence naming them and what to set;
 * null when every chosen link is its own path (or only one is chosen).
 */
export function sharedPathProblem(kind: string, connectionJson: string, links: PathLink[]): string | null {
  const groups = new Map<string, PathLink[]>();
  for (const link of links) {
    const path = effectivePath(kind, connectionJson, link);
    if (path !== null) groups.set(path, [...(groups.get(path) ?? []), link]);
  }
  const shared = [...groups.values()].filter((g) => g.length > 1);
  if (!shared.length) return null;
  const names = shared.map((g) => g.map((l) => `“${l.name}”`).join(" and ")).join("; ");
  return (
    `${names} would migrate over the same network path, so the campaign would compare a path with itself: ` +
    `${WHAT_TO_SET[kind] ?? "give each link its own path"}, or mark the links as emulated if their rates are emulated on one path.`
  );
}

/**
 * vMotion's VMkernel adapter is chosen per host, for every migration at once: a vSphere testbed whose chosen
 * links select different vmknics must run one run at a time, or two runs would each switch the other's path.
 */
export function concurrentSelectionProblem(kind: string, maxConcurrentRuns: number, links: PathLink[]): string | null {
  if (kind !== "vsphere" || maxConcurrentRuns <= 1) return null;
  const selections = new Set(links.map((l) => effectivePath(kind, "{}", l)).filter((p) => p !== null));
  if (selections.size < 2) return null;
  return (
    "These links select different VMkernel adapters for vMotion, which a host uses for every migration at once: " +
    `set the testbed's concurrent runs to 1 (now ${maxConcurrentRuns}) so each run migrates over its own link.`
  );
}
