import { hasRole, type Role } from "./roles";
import type { Readiness } from "@/lib/hypervisors/testbed";

/*
 * What a role may read beyond the results. Connection settings (host names, libvirt URIs, secret
 * reference names) and who made what are for operators and up; viewers and anonymous readers
 * (MIGBENCH_PUBLIC_READ=1) see the adapter kind, the hosts' display names and the links.
 */

/** Whether a role sees testbeds' connection settings. */
export function seesConnectionSettings(role: Role | null): boolean {
  return hasRole(role, "operator");
}

/** Whether a role sees who did what (the emails behind schedules and baselines). */
export function seesPeople(role: Role | null): boolean {
  return hasRole(role, "operator");
}

const SETTINGS_HIDDEN =
  "Its connection settings are incomplete or refused (an operator or admin sees which, on the testbed's page)";

/** A testbed's readiness as a role may read it: problems that quote connection settings are summarised. */
export function readinessFor(readiness: Readiness, role: Role | null): Readiness {
  if (seesConnectionSettings(role)) return readiness;
  const problems = readiness.problems.map((p) => (p.startsWith("Connection settings") ? SETTINGS_HIDDEN : p));
  return { ...readiness, problems: [...new Set(problems)] };
}

const WIRE_HIDDEN = "an operator sees why";

/**
 * A run's raw statistics as a role may read them: for viewers, where a link's path runs (its interfaces and
 * namespaces, the hosts' VMkernel adapters) is left out — the bytes counted and whether they were stay.
 */
export function rawStatsFor(rawStats: unknown, role: Role | null): unknown {
  if (seesConnectionSettings(role) || !rawStats || typeof rawStats !== "object" || Array.isArray(rawStats))
    return rawStats;
  const { wire, vmotionSelection: _selection, vmotionVmknics: _vmknics, ...rest } = rawStats as Record<string, unknown>;
  if (!wire || typeof wire !== "object") return rest;
  const side = (s: unknown) => {
    const counted = s as { txBytes?: unknown; rxBytes?: unknown } | null;
    return counted && typeof counted === "object" && "txBytes" in counted
      ? { txBytes: counted.txBytes, rxBytes: counted.rxBytes }
      : { why: WIRE_HIDDEN };
  };
  const w = wire as { wireBytes?: unknown; source?: unknown; destination?: unknown; why?: unknown };
  return {
    ...rest,
    wire: {
      wireBytes: w.wireBytes ?? null,
      source: side(w.source),
      destination: side(w.destination),
      ...(w.why ? { why: WIRE_HIDDEN } : {}),
    },
  };
}
