import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { GUEST_MODES, type GuestMode } from "@/lib/model/vocabulary";

const run = promisify(execFile);
const MiB = 1024 ** 2;
const PAGE_BYTES = 4096;
/** The guest dirties memory from 1 MiB up, leaving the BIOS area and the boot sector alone. */
const MEM_START = 1 * MiB;
/** The pc machine maps at most 3 GiB below 4 GiB when RAM exceeds 3.5 GiB; a 32-bit guest reaches no more. */
export const MAX_GUEST_BYTES = 3 * 1024 * MiB;

export type GuestPlan = {
  /** The workload's mode of bootsector.asm (continuous is paced by the TSC). */
  mode: GuestMode;
  memoryMiB: number;
  memEndBytes: number;
  pagesPerSec: number | null;
  tscStep: number | null;
  /** Serial output that means the workload is in place. */
  readyMarker: string;
};

/** The host TSC rate, which paces the dirtying guest under TCG (rdtsc returns the host TSC). */
export function hostTscHz(): number {
  try {
    const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
    const mhz = Number(/cpu MHz\s*:\s*([\d.]+)/.exec(cpuinfo)?.[1]);
    if (mhz > 100) return mhz * 1e6;
  } catch {
    // Not Linux: fall through to a typical rate.
  }
  return 2.6e9;
}

/**
 * How the profile's workload becomes a boot sector: idle halts, once fills memory with
 * pseudo-random data, continuous dirties one byte per page of the working set at the dirty rate.
 */
export function planGuest(
  profile: {
    memoryBytes: number;
    workload: string;
    dirtyRateBytesPerSec: number | null;
    workingSetBytes: number | null;
  },
  tscHz = hostTscHz(),
): GuestPlan | { error: string } {
  if (profile.memoryBytes > MAX_GUEST_BYTES) {
    return {
      error: `The QEMU adapter's guest reaches at most 3 GiB; this profile has ${(profile.memoryBytes / 1024 / MiB).toFixed(1)} GiB per VM`,
    };
  }
  if (profile.memoryBytes < 16 * MiB) return { error: "The QEMU adapter needs at least 16 MiB per VM" };
  const memoryMiB = Math.ceil(profile.memoryBytes / MiB);
  const memEnd = memoryMiB * MiB;
  // Idle touches nothing after boot ("A"); once writes every page, then idles ("D").
  if (profile.workload === "idle" || profile.workload === "once") {
    const idle = profile.workload === "idle";
    const mode = idle ? GUEST_MODES.idle : GUEST_MODES.once;
    return { mode, memoryMiB, memEndBytes: memEnd, pagesPerSec: null, tscStep: null, readyMarker: idle ? "A" : "D" };
  }
  const rate = profile.dirtyRateBytesPerSec ?? 0;
  if (rate <= 0) return { error: "A continuous workload needs a dirty rate" };
  const workingSet = Math.min(profile.workingSetBytes ?? memEnd, memEnd - MEM_START);
  const pagesPerSec = rate / PAGE_BYTES;
  return {
    mode: GUEST_MODES.continuous,
    memoryMiB,
    memEndBytes: MEM_START + Math.max(PAGE_BYTES, Math.floor(workingSet / PAGE_BYTES) * PAGE_BYTES),
    pagesPerSec,
    tscStep: Math.max(1, Math.round(tscHz / pagesPerSec)),
    readyMarker: "A",
  };
}

/** Assembles the boot sector for a plan into dir; returns the image path. */
export async function buildBootImage(dir: string, plan: GuestPlan): Promise<string> {
  const source = path.join(process.cwd(), "lib", "hypervisors", "guest", "bootsector.asm");
  const image = path.join(dir, "guest.img");
  const args = [
    "-f",
    "bin",
    `-DMODE=${plan.mode}`,
    `-DMEM_END=0x${plan.memEndBytes.toString(16)}`,
    "-o",
    image,
    source,
  ];
  if (plan.tscStep) args.splice(3, 0, `-DTSC_STEP=${plan.tscStep}`);
  await run("nasm", args, { timeout: 30_000 });
  return image;
}
