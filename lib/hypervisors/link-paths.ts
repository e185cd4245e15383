import { storedLinkPath, type LinkPath } from "@/lib/schemas/link-path";
import { storedConnectionSettings } from "@/lib/schemas/connection";

/*
 * Whether two links of a testbed are two paths. On the simulator, and for links whose rate is emulated (a
 * namespace and veth per run, or a rate cap on one machine), each link is its own; on real hosts a link is its
 * own path only when it names its own addresses (libvirt, QEMU) or VMkernel adapters (vSphere), else it falls
 * back to the testbed-wide default, which every such link shares.
 */

export type PathLink = { id: number; name: string; emulated: boolean; pathJson: string };

/**
 * The host a libvirt migration stream goes to (its migration URI's), normalised the way the resolver reads it
 * — case, IPv4 written in decimal or with leading zeros, IPv6 zeros — and without the port, which does not make
 * another path. A host name and an IP address of the same host are not told apart.
 */
export function streamHost(uri: unknown): string | null {
  const m = typeof uri === "string" ? /^tcp:\/\/(\[[^\]]+\]|[^/:]+)/.exec(uri) : null;
  if (!m) return null;
  let host: string;
  try {
    host = new URL(`http://${m[1]}/`).hostname;
  } catch {
    host = m[1].toLowerCase();
  }
  return host.replace(/^\[|\]$/g, "");
}

/** A VMkernel adapter's name as ESXi means it (vmk01 is vmk1); null when unset. */
const vmknic = (name: string | undefined) => (name ? `vmk${Number(name.slice(3))}` : null);

/** The path a link's migrations take as a comparable string; null when the link is its own path whatever it sets. */
export function effectivePath(kind: string, connectionJson: string, link: PathLink): string | null {
  if (kind === "simulator" || link.emulated) return null;
  const path: LinkPath = storedLinkPath(link.pathJson);
  switch (kind) {
    case "libvirt":
      // Where the stream goes decides the path; the listen address only says what the destination binds to.
      return `libvirt to ${streamHost(path.migrateUri ?? storedConnectionSettings(connectionJson).migrateUri) ?? "the destination's default address"}`;
    case "vsphere":
      return `vsphere ${vmknic(path.sourceVmknic) ?? "host's choice"} → ${vmknic(path.destinationVmknic) ?? "host's choice"}`;
    default:
      // QEMU's links that are not emulated all run over this machine's loopback.
      return `${kind} loopback`;
  }
}

/**
 * A label per link, equal for links that share a path ("path 1", "path 2", …; null: the link is its own path):
 * what the launch form and viewers may see — it says which links share a path, nothing of the path itself.
 */
export function pathLabels(kind: string, connectionJson: string, links: PathLink[]): Map<number, string | null> {
  const ordinal = new Map<string, string>();
  return new Map(
    links.map((link) => {
      const path = effectivePath(kind, connectionJson, link);
      if (path === null) return [link.id, null];
      if (!ordinal.has(path)) ordinal.set(path, `path ${ordinal.size + 1}`);
      return [link.id, ordinal.get(path)!];
    }),
  );
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
  if (kind === "vsphere" && links.length > 1) {
    // A side left unset migrates over whatever the host has selected then: no path of the link's own.
    const partial = links.filter(
      (l) => !l.emulated && effectivePath(kind, connectionJson, l)?.includes("host's choice"),
    );
    if (partial.length)
      return (
        `${partial.map((l) => `“${l.name}”`).join(" and ")} ${partial.length === 1 ? "names" : "name"} no VMkernel adapter on one host or both, ` +
        `so vMotion would use whatever the host has selected: ${WHAT_TO_SET.vsphere}.`
      );
  }
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
 * vMotion's VMkernel adapter is chosen per host, for every migration at once: a vSphere testbed whose links
 * select one must run one run at a time, or two runs would switch (and restore) each other's path mid-run.
 */
export function concurrentSelectionProblem(kind: string, maxConcurrentRuns: number, links: PathLink[]): string | null {
  if (kind !== "vsphere" || maxConcurrentRuns <= 1) return null;
  const selecting = links.filter((l) => {
    const path = storedLinkPath(l.pathJson);
    return path.sourceVmknic || path.destinationVmknic;
  });
  if (!selecting.length) return null;
  return (
    `${selecting.map((l) => `“${l.name}”`).join(" and ")} ${selecting.length === 1 ? "selects a VMkernel adapter" : "select VMkernel adapters"} ` +
    `for vMotion, which a host uses for every migration at once: set the testbed's concurrent runs to 1 (now ${maxConcurrentRuns}) so each run migrates over its own link.`
  );
}
