/**
 * The guest's heartbeat as the host sees it. The boot-sector guest writes one '.' to its serial port
 * about every millisecond (bootsector.asm); QEMU hands each side's serial port to a Unix socket, and
 * this reads the socket and stamps the heartbeats with the host's monotonic clock. The pause the
 * guest felt during a migration is the interval between the source's last heartbeat and the
 * destination's first: the guest ran on neither side then (vCPUs stopped, device state loaded,
 * the destination resumed).
 */
import net from "node:net";

/** What the guest writes once per tick (markers such as 'A' or 'D' are other bytes). */
export const HEARTBEAT_BYTE = ".".charCodeAt(0);

export type HeartbeatStream = {
  /** Host time (performance.now(), ms) of the first and the last heartbeat seen; null before any. */
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  readonly count: number;
  /** Why the stream broke, if it did before close(). */
  readonly error: string | null;
  /** Resolves at the first heartbeat at or after `sinceMs` (host ms), or with null after timeoutMs. */
  nextBeat(sinceMs: number, timeoutMs: number): Promise<number | null>;
  /** Closes the socket; resolves once it is closed. Never throws. */
  close(): Promise<void>;
};

/** Connects to a serial socket QEMU listens on (server=on,wait=off) and counts its heartbeats. */
export function openHeartbeatStream(socketPath: string, timeoutMs = 5_000): Promise<HeartbeatStream> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    const state = {
      firstMs: null as number | null,
      lastMs: null as number | null,
      count: 0,
      error: null as string | null,
    };
    const waiters = new Set<{ sinceMs: number; done: (t: number | null) => void }>();
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`serial socket ${socketPath} did not accept within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      // Bytes that arrive together are stamped together: the stamp is when the host could see them.
      const now = performance.now();
      let beats = 0;
      for (const byte of chunk) if (byte === HEARTBEAT_BYTE) beats++;
      if (!beats) return;
      state.firstMs ??= now;
      state.lastMs = now;
      state.count += beats;
      for (const w of waiters) if (now >= w.sinceMs) w.done(now);
    });
    socket.on("error", (error) => {
      state.error = error.message;
      clearTimeout(timer);
      reject(error);
    });
    socket.once("connect", () => {
      clearTimeout(timer);
      // The live state itself: its fields change as heartbeats arrive (readonly to the reader).
      resolve(
        Object.assign(state, {
          nextBeat(sinceMs: number, waitMs: number) {
            if (state.lastMs !== null && state.lastMs >= sinceMs) return Promise.resolve(state.lastMs);
            return new Promise<number | null>((done) => {
              const waiter = {
                sinceMs,
                done: (t: number | null) => {
                  clearTimeout(giveUp);
                  waiters.delete(waiter);
                  done(t);
                },
              };
              const giveUp = setTimeout(() => waiter.done(null), waitMs);
              waiters.add(waiter);
            });
          },
          async close() {
            for (const w of waiters) w.done(null);
            socket.destroy();
            await closed;
          },
        }),
      );
    });
  });
}

/** How long a resumed guest may take to beat on the destination before its pause counts as unmeasured. */
const FIRST_BEAT_TIMEOUT_MS = 3_000;

/**
 * One VM's guest-observed pause once its destination runs (ms, to 0.1): waits for the destination's first
 * heartbeat, then measures from the source's last. With why it is null when it is.
 */
export async function measureGuestPause(source: HeartbeatStream, destination: HeartbeatStream) {
  await destination.nextBeat(0, FIRST_BEAT_TIMEOUT_MS);
  const pause = guestPauseMs(source, destination);
  return {
    guestPauseMs: pause === null ? null : Math.round(pause * 10) / 10,
    sourceBeats: source.count,
    destinationBeats: destination.count,
    why:
      pause !== null
        ? undefined
        : source.count === 0
          ? "the source guest never beat"
          : `the destination guest did not beat within ${FIRST_BEAT_TIMEOUT_MS / 1000} s of running`,
  };
}

/**
 * The guest-observed pause of one VM: from the source's last heartbeat to the destination's first.
 * null when either side never beat (nothing to measure) or the order is impossible.
 */
export function guestPauseMs(source: { lastMs: number | null }, destination: { firstMs: number | null }) {
  if (source.lastMs === null || destination.firstMs === null) return null;
  const pause = destination.firstMs - source.lastMs;
  return pause >= 0 ? pause : null;
}
