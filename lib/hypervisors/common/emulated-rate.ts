import { gbpsToBytesPerSec } from "@/lib/model/rates";
import type { MigrationSpec } from "../types";

/** The rate the emulated link carries for all VMs together, in Gb/s: usable rate × the testbed's link scale. */
export function emulatedRateGbps(spec: Pick<MigrationSpec, "link" | "testbed">): number {
  return spec.link.usableRateGbps * spec.testbed.linkScale;
}

/** The same in bytes per second (what QEMU's max-bandwidth and virsh --bandwidth are set from). */
export function emulatedRateBytesPerSec(spec: Pick<MigrationSpec, "link" | "testbed">): number {
  return gbpsToBytesPerSec(emulatedRateGbps(spec));
}
