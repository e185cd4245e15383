import fs from "node:fs";
import {
  CAPABILITIES,
  CAPABILITY_LABELS,
  capabilitiesNeeded,
  type Capability,
  type MigrationSettings,
} from "@/lib/model/migration-settings";

/* What adapters say about the migration settings they can apply (HypervisorAdapter.capabilities). */

/** An adapter that applies every setting. */
export const ALL_CAPABLE: Record<Capability, string | null> = Object.fromEntries(
  CAPABILITIES.map((c) => [c, null]),
) as Record<Capability, string | null>;

/** An adapter that applies none, for one reason. */
export function noneCapable(reason: string): Record<Capability, string | null> {
  return Object.fromEntries(CAPABILITIES.map((c) => [c, reason])) as Record<Capability, string | null>;
}

/** Why a variant cannot run with these capabilities, in words; null when it can. */
export function unsupportedSettings(
  capabilities: Record<Capability, string | null>,
  settings: MigrationSettings,
): string | null {
  const refused = capabilitiesNeeded(settings).filter((c) => capabilities[c] !== null);
  if (!refused.length) return null;
  return refused.map((c) => `${CAPABILITY_LABELS[c]}: ${capabilities[c]}`).join("; ");
}

/**
 * Post-copy needs userfaultfd on the destination: why it is unavailable to this process, or null.
 * Root (CAP_SYS_PTRACE) may always use it; others need vm.unprivileged_userfaultfd = 1 or /dev/userfaultfd.
 */
export function userfaultfdProblem(): string | null {
  const sysctl = "/proc/sys/vm/unprivileged_userfaultfd";
  if (!fs.existsSync(sysctl) && !fs.existsSync("/dev/userfaultfd"))
    return "this kernel has no userfaultfd (CONFIG_USERFAULTFD), which post-copy needs";
  if (process.getuid?.() === 0) return null;
  try {
    if (fs.readFileSync(sysctl, "utf8").trim() === "1") return null;
  } catch {
    /* fall through to /dev/userfaultfd */
  }
  try {
    fs.accessSync("/dev/userfaultfd", fs.constants.R_OK | fs.constants.W_OK);
    return null;
  } catch {
    return "userfaultfd is closed to this user: set sysctl vm.unprivileged_userfaultfd=1 or grant access to /dev/userfaultfd";
  }
}
