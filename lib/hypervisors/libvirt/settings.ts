import os from "node:os";
import path from "node:path";
import type { AdapterLink, AdapterTestbed } from "../types";
import { adapterSettings } from "../common/settings";
import type { WirePlaces } from "../common/wire-counters";
import { parseLibvirtUri } from "@/lib/schemas/libvirt-uri";
import type { LinkPath } from "@/lib/schemas/link-path";

/**
 * What a libvirt run uses, from the testbed's connection settings (lib/schemas/connection.ts, where
 * URIs are checked against allow-lists). `sourceUri`/`destinationUri` are libvirt URIs
 * (qemu+ssh://host/system in a lab; session sockets on one machine). `runAs` runs virsh as that
 * user (one of MIGBENCH_RUN_AS_USERS). Options map to `virsh migrate` flags.
 */
export type LibvirtSettings = {
  sourceUri: string;
  destinationUri: string;
  runAs?: string;
  migrateUri?: string;
  listenAddress?: string;
  /** The network namespaces the daemons run in, for a lab on one machine (where interface counters are read). */
  sourceNetns?: string;
  destinationNetns?: string;
  unsafe: boolean;
  autoConverge: boolean;
  postcopy: boolean;
  parallelConnections?: number;
  runTimeoutSec: number;
  /** Where guest images and serial logs go; must be readable by the daemons. */
  workDir: string;
};

export function settingsOf(testbed: AdapterTestbed): { settings: LibvirtSettings } | { problems: string[] } {
  const parsed = adapterSettings("libvirt", testbed, {
    sourceUri: 'Set "sourceUri" to the source libvirt URI, e.g. "qemu+ssh://kvm-01/system" (connection settings)',
    destinationUri: 'Set "destinationUri" to the destination libvirt URI (connection settings)',
  });
  if ("problems" in parsed) return parsed;
  const c = parsed.settings;
  return {
    settings: {
      sourceUri: c.sourceUri!,
      destinationUri: c.destinationUri!,
      runAs: c.runAs,
      migrateUri: c.migrateUri,
      listenAddress: c.listenAddress,
      sourceNetns: c.sourceNetns,
      destinationNetns: c.destinationNetns,
      unsafe: c.unsafe === true,
      autoConverge: c.autoConverge === true,
      postcopy: c.postcopy === true,
      parallelConnections: c.parallelConnections && c.parallelConnections > 1 ? c.parallelConnections : undefined,
      runTimeoutSec: c.runTimeoutSec ?? 180,
      workDir: c.workDir ?? path.join(os.tmpdir(), "migbench-libvirt"),
    },
  };
}

/**
 * The settings one run over `link` uses: the link's own migration URI and listen address where it names them
 * (each link its own path on real hosts), else the testbed's defaults; and the link's bandwidth cap in bytes/s.
 */
export function settingsForLink(
  settings: LibvirtSettings,
  link: Pick<AdapterLink, "path">,
): { settings: LibvirtSettings; capBytesPerSec: number | null } {
  return {
    settings: {
      ...settings,
      migrateUri: link.path.migrateUri ?? settings.migrateUri,
      listenAddress: link.path.listenAddress ?? settings.listenAddress,
    },
    capBytesPerSec: link.path.bandwidthMiBps ? link.path.bandwidthMiBps * 1024 ** 2 : null,
  };
}

/** Whether a libvirt URI's daemon runs on this machine (no host, or a loopback one): its interfaces are here. */
export function isLocalUri(uri: string): boolean {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) return false;
  const host = parsed.uri.host?.replace(/^\[|\]$/g, "") ?? null;
  return host === null || host === "" || host === "localhost" || host === "127.0.0.1" || host === "::1";
}

/** Where the worker reads a libvirt run's link counters: each side's interface and namespace, or why not. */
export function wirePlacesOf(settings: LibvirtSettings, path: LinkPath): WirePlaces {
  const side = (uri: string, iface: string | undefined, netns: string | undefined, which: string) =>
    !iface
      ? { why: `the link names no ${which} interface` }
      : !isLocalUri(uri)
        ? { why: `the ${which} host is remote: its counters are on that host, not where the worker runs` }
        : { iface, ...(netns ? { netns } : {}) };
  return {
    source: side(settings.sourceUri, path.sourceInterface, settings.sourceNetns, "source"),
    destination: side(settings.destinationUri, path.destinationInterface, settings.destinationNetns, "destination"),
  };
}
