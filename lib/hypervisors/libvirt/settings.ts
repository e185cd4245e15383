import os from "node:os";
import path from "node:path";
import type { AdapterTestbed } from "../types";
import { adapterSettings } from "../common/settings";

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
      unsafe: c.unsafe === true,
      autoConverge: c.autoConverge === true,
      postcopy: c.postcopy === true,
      parallelConnections: c.parallelConnections && c.parallelConnections > 1 ? c.parallelConnections : undefined,
      runTimeoutSec: c.runTimeoutSec ?? 180,
      workDir: c.workDir ?? path.join(os.tmpdir(), "migbench-libvirt"),
    },
  };
}
