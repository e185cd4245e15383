import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import { promisify } from "node:util";
import type { MigrationResult } from "../types";

/*
 * The bytes that really crossed a link: the kernel's counters of the interfaces that carry it
 * (/sys/class/net/<interface>/statistics), read before and after a run on this machine or inside a network
 * namespace of it (`ip netns exec <ns>` mounts that namespace's view of /sys). A remote host's counters are
 * not read: the reading says why.
 */

const run = promisify(execFile);

/** A network interface name as the kernel allows it (what lib/schemas/link-path.ts accepts). */
const INTERFACE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,14}$/;
/** A network namespace name as `ip netns` lists it. */
export const NETNS = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Where one side's interface is: its name, and the namespace it lives in (none: this machine's own). */
export type InterfacePlace = { iface: string; netns?: string };

/** Both sides of a link, each null with the reason when its counters cannot be read from here. */
export type WirePlaces = {
  source: InterfacePlace | { why: string };
  destination: InterfacePlace | { why: string };
};

/** The counters of one interface, in bytes. */
type Counters = { txBytes: number; rxBytes: number };

/** What a run's wire reading stores (rawStats.wire) and the bytes it counts (the run's wireBytes). */
export type WireReading = {
  /** Bytes the link carried from source to destination during the run; null when no side could be read. */
  wireBytes: number | null;
  source: { iface: string; netns?: string; txBytes: number; rxBytes: number } | { why: string };
  destination: { iface: string; netns?: string; txBytes: number; rxBytes: number } | { why: string };
  /** Why wireBytes is null. */
  why?: string;
};

async function readCounters(place: InterfacePlace): Promise<Counters> {
  if (!INTERFACE.test(place.iface)) throw new Error(`"${place.iface}" is not an interface name`);
  const dir = `/sys/class/net/${place.iface}/statistics`;
  if (place.netns === undefined) {
    const [tx, rx] = await Promise.all([
      fs.readFile(`${dir}/tx_bytes`, "utf8"),
      fs.readFile(`${dir}/rx_bytes`, "utf8"),
    ]).catch((error: NodeJS.ErrnoException) => {
      throw new Error(
        error.code === "ENOENT"
          ? `interface ${place.iface} does not exist on this machine`
          : `the counters of ${place.iface} cannot be read (${error.code ?? error.message})`,
      );
    });
    return counters(tx, rx, place.iface);
  }
  if (!NETNS.test(place.netns)) throw new Error(`"${place.netns}" is not a network namespace name`);
  const { stdout } = await run("ip", ["netns", "exec", place.netns, "cat", `${dir}/tx_bytes`, `${dir}/rx_bytes`], {
    timeout: 10_000,
  }).catch(() => {
    throw new Error(`interface ${place.iface} does not exist in network namespace ${place.netns}`);
  });
  const [tx, rx] = stdout.trim().split(/\s+/);
  return counters(tx, rx, place.iface);
}

/** Two counters as read: whole numbers of bytes, or an error saying what came back. */
function counters(tx: string | undefined, rx: string | undefined, iface: string): Counters {
  const txBytes = Number(tx);
  const rxBytes = Number(rx);
  if (!Number.isSafeInteger(txBytes) || !Number.isSafeInteger(rxBytes) || txBytes < 0 || rxBytes < 0)
    throw new Error(
      `the counters of ${iface} read as "${String(tx).trim()}" and "${String(rx).trim()}", not byte counts`,
    );
  return { txBytes, rxBytes };
}

/** Whether an interface can be read from here: null when it can, else why not (for the adapter check). */
export async function interfaceProblem(place: InterfacePlace): Promise<string | null> {
  return readCounters(place).then(
    () => null,
    (error: Error) => error.message,
  );
}

/**
 * Reads both sides' counters now; `finish()` reads them again and gives the bytes that crossed: the
 * source's transmitted bytes (else the destination's received ones). Never throws: what cannot be read
 * says why.
 */
export async function startWireCount(places: WirePlaces): Promise<{ finish: () => Promise<WireReading> }> {
  const side = async (p: InterfacePlace | { why: string }) => {
    if ("why" in p) return { place: p, before: null, why: p.why };
    return readCounters(p).then(
      (before) => ({ place: p, before, why: null as string | null }),
      (error: Error) => ({ place: p, before: null, why: error.message }),
    );
  };
  const [source, destination] = await Promise.all([side(places.source), side(places.destination)]);
  return {
    async finish(): Promise<WireReading> {
      const delta = async (s: typeof source) => {
        if (!s.before || "why" in s.place) return { why: s.why ?? "not read" };
        const place = s.place;
        const before = s.before;
        return readCounters(place).then(
          (after) =>
            // A counter that went back was reset (the interface recreated) or wrapped: no reading, not a negative one.
            after.txBytes < before.txBytes || after.rxBytes < before.rxBytes
              ? { why: `the counters of ${place.iface} went back during the run (reset or wrapped)` }
              : {
                  iface: place.iface,
                  ...(place.netns ? { netns: place.netns } : {}),
                  txBytes: after.txBytes - before.txBytes,
                  rxBytes: after.rxBytes - before.rxBytes,
                },
          (error: Error) => ({ why: error.message }),
        );
      };
      const [src, dst] = await Promise.all([delta(source), delta(destination)]);
      const wireBytes = "txBytes" in src ? src.txBytes : "rxBytes" in dst ? dst.rxBytes : null;
      return {
        wireBytes,
        source: src,
        destination: dst,
        ...(wireBytes === null
          ? { why: `source: ${"why" in src ? src.why : ""}; destination: ${"why" in dst ? dst.why : ""}` }
          : {}),
      };
    },
  };
}

/**
 * A result with its wire reading: the bytes counted (a succeeded run's wireBytes) and the reading itself in
 * its raw statistics (rawStats.wire), so the run page can say what was read or why not.
 */
export function withWire(result: MigrationResult, reading: WireReading): MigrationResult {
  const rawStats =
    result.rawStats && typeof result.rawStats === "object" ? { ...result.rawStats, wire: reading } : { wire: reading };
  return result.status === "succeeded"
    ? { ...result, wireBytes: reading.wireBytes, rawStats }
    : { ...result, rawStats };
}
