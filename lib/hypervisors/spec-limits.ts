import { PROFILE_LIMITS } from "@/lib/schemas/profile";
import { MAX_LINK_GBPS } from "@/lib/schemas/link";
import type { MigrationSpec } from "./types";

const GIB = 1024 ** 3;

/**
 * Why a run's spec is outside what any adapter will attempt — the same bounds as the forms and the
 * import — or [] when it is fine. Rows stored before the bounds existed (a profile of 5e7 VMs) are
 * refused here, as a failed run with the reason, before an adapter allocates anything.
 */
export function specProblems(spec: Pick<MigrationSpec, "profile" | "link" | "testbed" | "options">): string[] {
  const p = spec.profile;
  const problems: string[] = [];
  const bad = (ok: boolean, message: string) => !ok && problems.push(message);
  bad(
    Number.isInteger(p.vmCount) && p.vmCount >= 1 && p.vmCount <= PROFILE_LIMITS.vmCount,
    `the VM profile has ${p.vmCount} VMs (1 to ${PROFILE_LIMITS.vmCount})`,
  );
  bad(
    Number.isInteger(p.vcpuCount) && p.vcpuCount >= 1 && p.vcpuCount <= PROFILE_LIMITS.vcpuCount,
    `the VM profile has ${p.vcpuCount} vCPUs (1 to ${PROFILE_LIMITS.vcpuCount})`,
  );
  bad(
    Number.isFinite(p.memoryBytes) && p.memoryBytes > 0 && p.memoryBytes <= PROFILE_LIMITS.memoryGiB * GIB,
    `the VM profile has ${p.memoryBytes} bytes of memory per VM (at most ${PROFILE_LIMITS.memoryGiB} GiB)`,
  );
  bad(
    p.dirtyRateBytesPerSec === null ||
      (p.dirtyRateBytesPerSec >= 0 && p.dirtyRateBytesPerSec <= PROFILE_LIMITS.dirtyRateMBps * 1e6),
    `the dirty rate ${p.dirtyRateBytesPerSec} B/s is out of range`,
  );
  bad(
    p.workingSetBytes === null || (p.workingSetBytes > 0 && p.workingSetBytes <= p.memoryBytes),
    "the writable working set must be more than 0 and at most the VM's memory",
  );
  bad(
    spec.link.usableRateGbps > 0 && spec.link.usableRateGbps <= MAX_LINK_GBPS,
    `the link's usable rate ${spec.link.usableRateGbps} Gb/s is out of range (more than 0, at most ${MAX_LINK_GBPS})`,
  );
  bad(
    spec.testbed.linkScale > 0 && spec.testbed.linkScale <= 1,
    `the testbed's link scale ${spec.testbed.linkScale} is out of range (more than 0, at most 1)`,
  );
  bad(
    spec.options.timeScale >= 0 && spec.options.timeScale <= 10_000,
    `the time scale ${spec.options.timeScale} is out of range (0 to 10000)`,
  );
  return problems;
}
