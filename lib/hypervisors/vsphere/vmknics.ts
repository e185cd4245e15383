import type { LinkPath } from "@/lib/schemas/link-path";
import type { CheckLink, MigrationResult } from "../types";
import type { VsphereClient } from "./client";
import { moRef, readMoRef, text, xml, type MoRef } from "./soap";

/*
 * Which VMkernel adapter carries vMotion. On vSphere a host migrates over every vmknic selected for the
 * "vmotion" nic type of its HostVirtualNicManager (configManager.virtualNicManager), whatever the migration: a
 * link is its own path only when the run selects the link's vmknic on each host and deselects the others
 * (SelectVnicForNicType / DeselectVnicForNicType), and the host's own selection is put back afterwards.
 */

const VMOTION = "vmotion";

type Host = { ref: MoRef; name: string };
export type HostRole = "source" | "destination";

/** A host's vMotion net config: its manager, the vmknics that may carry vMotion, and those that do. */
export type VmotionConfig = { manager: MoRef; candidates: string[]; selected: string[] };

/** One host's part of a run: what the link wants there and what was selected before, during and after. */
export type HostSelection = {
  role: HostRole;
  host: Host;
  manager: MoRef;
  /** The link's vmknic for this host; null: the link leaves this host's selection alone. */
  wanted: string | null;
  before: string[];
  during: string[] | null;
  after: string[] | null;
  restoreProblem?: string;
};

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value == null ? [] : [value]);
const names = (devices: string[]) => (devices.length ? devices.join(", ") : "none");

/** Reads the vmknics of a host that may carry vMotion and those selected for it (QueryNetConfig). */
export async function readVmotionConfig(client: VsphereClient, host: Host): Promise<VmotionConfig> {
  const props = await client.properties(host.ref, ["configManager.virtualNicManager"]);
  const manager = readMoRef(props["configManager.virtualNicManager"]);
  if (!manager)
    throw new Error(`${host.name} reports no VirtualNicManager, so its vMotion VMkernel adapter cannot be chosen`);
  const config = (await client.call(
    "QueryNetConfig",
    `${moRef("_this", manager)}<nicType>${VMOTION}</nicType>`,
  )) as Record<string, unknown> | null;
  const candidates = list(config?.candidateVnic).map((c) => {
    const vnic = c as Record<string, unknown>;
    return { device: text(vnic.device) ?? "", key: text(vnic.key) ?? "" };
  });
  // selectedVnic holds candidate keys ("vmotion.key-vim.host.VirtualNic-vmk1"), not device names.
  const selected = list(config?.selectedVnic).flatMap((k) => {
    const key = text(k);
    const device = candidates.find((c) => c.key === key)?.device ?? /VirtualNic-(\S+)$/.exec(key ?? "")?.[1];
    return device ? [device] : [];
  });
  return { manager, candidates: candidates.map((c) => c.device).filter(Boolean), selected };
}

/**
 * Reads both hosts and checks the link's vmknics exist there before anything is changed: the plan, or why
 * the run cannot use the link (naming the host, the vmknic and what the host has).
 */
export async function planVmknics(
  client: VsphereClient,
  path: LinkPath,
  hosts: Record<HostRole, Host>,
): Promise<{ plan: HostSelection[] } | { problems: string[] }> {
  const plan: HostSelection[] = [];
  const problems: string[] = [];
  for (const role of ["source", "destination"] as const) {
    const wanted = (role === "source" ? path.sourceVmknic : path.destinationVmknic) ?? null;
    const host = hosts[role];
    let config: VmotionConfig;
    try {
      config = await readVmotionConfig(client, host);
    } catch (error) {
      // A host the link does not name is only reported on: reading it may fail without failing the run.
      if (!wanted) continue;
      throw error;
    }
    if (wanted && !config.candidates.includes(wanted))
      problems.push(
        `the ${role} host ${host.name} has no VMkernel adapter ${wanted} for vMotion (it has ${names(config.candidates)})`,
      );
    plan.push({ role, host, manager: config.manager, wanted, before: config.selected, during: null, after: null });
  }
  return problems.length ? { problems } : { plan };
}

const select = (client: VsphereClient, manager: MoRef, device: string) =>
  client.call(
    "SelectVnicForNicType",
    `${moRef("_this", manager)}<nicType>${VMOTION}</nicType><device>${xml(device)}</device>`,
  );
const deselect = (client: VsphereClient, manager: MoRef, device: string) =>
  client.call(
    "DeselectVnicForNicType",
    `${moRef("_this", manager)}<nicType>${VMOTION}</nicType><device>${xml(device)}</device>`,
  );

/** Makes each host's selection `devices`: selects the missing ones first, so vMotion never has none in between. */
async function setSelection(client: VsphereClient, h: HostSelection, devices: string[]): Promise<string[]> {
  const current = (await readVmotionConfig(client, h.host)).selected;
  for (const device of devices) if (!current.includes(device)) await select(client, h.manager, device);
  for (const device of current) if (!devices.includes(device)) await deselect(client, h.manager, device);
  return (await readVmotionConfig(client, h.host)).selected;
}

/** Selects the link's vmknic for vMotion on each host it names and deselects the others; throws on a fault. */
export async function applyVmknics(client: VsphereClient, plan: HostSelection[]): Promise<void> {
  for (const h of plan) {
    h.during = h.wanted ? await setSelection(client, h, [h.wanted]) : h.before;
    if (h.wanted && (h.during.length !== 1 || h.during[0] !== h.wanted))
      throw new Error(`${h.host.name} kept ${names(h.during)} for vMotion after selecting ${h.wanted}`);
  }
}

/** Puts back each changed host's own selection; never throws: each host says whether it is back. */
export async function restoreVmknics(client: VsphereClient, plan: HostSelection[]): Promise<boolean> {
  let restored = true;
  for (const h of plan.filter((p) => p.wanted)) {
    try {
      h.after = await setSelection(client, h, h.before);
      if ([...h.after].sort().join() !== [...h.before].sort().join())
        h.restoreProblem = `${h.host.name} has ${names(h.after)} for vMotion, not its own ${names(h.before)}`;
    } catch (error) {
      h.restoreProblem = `${h.host.name}: ${(error as Error).message}`;
    }
    if (h.restoreProblem) restored = false;
  }
  return restored;
}

/**
 * The run's record of its vmknics: which carried vMotion on each host (`vmotionVmknics`, by the testbed's
 * roles), each host's selection before, during and after, and whether every host got its own back.
 */
export function vmknicStats(plan: HostSelection[], restored: boolean) {
  const carried = (role: HostRole) => {
    const h = plan.find((p) => p.role === role);
    return h?.during?.length ? h.during.join(",") : null;
  };
  return {
    vmotionVmknics: { source: carried("source"), destination: carried("destination") },
    vmotionSelection: plan.map((h) => ({
      role: h.role,
      host: h.host.name,
      link: h.wanted,
      before: h.before,
      during: h.during,
      after: h.wanted ? h.after : h.before,
      ...(h.restoreProblem ? { restoreProblem: h.restoreProblem } : {}),
    })),
    vmotionSelectionRestored: restored,
  };
}

/**
 * What check() says about vMotion's vmknics: per host, those that exist and those vMotion uses; per link that
 * names vmknics, a problem for each one missing on its host.
 */
export async function checkVmknics(
  client: VsphereClient,
  hosts: Record<HostRole, Host | undefined>,
  links: CheckLink[],
): Promise<{ problems: string[]; details: string[] }> {
  const problems: string[] = [];
  const details: string[] = [];
  const configs: Partial<Record<HostRole, VmotionConfig>> = {};
  for (const role of ["source", "destination"] as const) {
    const host = hosts[role];
    if (!host) continue;
    try {
      const config = (configs[role] = await readVmotionConfig(client, host));
      details.push(
        `${host.name}: VMkernel adapters ${names(config.candidates)}; vMotion uses ${names(config.selected)}`,
      );
    } catch (error) {
      details.push(`${host.name}: its vMotion VMkernel adapters could not be read (${(error as Error).message})`);
    }
  }
  for (const link of links) {
    for (const role of ["source", "destination"] as const) {
      const wanted = role === "source" ? link.path.sourceVmknic : link.path.destinationVmknic;
      const host = hosts[role];
      if (!wanted || !host) continue;
      const config = configs[role];
      if (!config)
        problems.push(
          `link “${link.name}”: ${host.name}'s vMotion VMkernel adapters could not be read to find ${wanted}`,
        );
      else if (!config.candidates.includes(wanted))
        problems.push(
          `link “${link.name}”: the ${role} host ${host.name} has no VMkernel adapter ${wanted} for vMotion (it has ${names(config.candidates)})`,
        );
    }
  }
  return { problems, details };
}

/** A run's result with its vmknics recorded, and a failed or cancelled run's reason saying what was not put back. */
export function withVmknics(result: MigrationResult, plan: HostSelection[], restored: boolean): MigrationResult {
  const rawStats = { ...(result.rawStats as Record<string, unknown> | undefined), ...vmknicStats(plan, restored) };
  const notRestored = plan.flatMap((h) => (h.restoreProblem ? [h.restoreProblem] : []));
  if (result.status === "succeeded" || restored) return { ...result, rawStats };
  return {
    ...result,
    rawStats,
    reason: `${result.reason}; vMotion's VMkernel adapters were not put back: ${notRestored.join("; ")}`,
  };
}
