import "server-only";
import { recoverInterruptedRuns } from "@/lib/db/run-life";
import { isWorkerAlive } from "./worker-id";

/** What a runner knows of its own standing when it judges others' leases. */
export type RecoveryView = {
  workerId: string;
  heartbeatMs: number;
  leaseMs: number;
  startedAt: number;
  /** When this runner last renewed its own leases (0: never), asked when the runs have been read. */
  lastRenewal: () => number;
  /** When this runner last had trouble with the database (0: never); `noteTrouble` records a new one. */
  lastTrouble: () => number;
  noteTrouble: (at: number) => void;
};

/**
 * Recovers the runs of dead workers: on this host, those whose process is gone, at once; elsewhere,
 * those whose lease expired before this runner's own last renewal (it reached the database after they
 * should have) — but while this runner has lately had trouble reaching the database, or has just
 * started, only leases expired two leases before: their workers, alive, may not yet have been able
 * to renew them or put their runs back themselves. Returns what recoverInterruptedRuns did.
 */
export function recoverDeadWorkersRuns(view: RecoveryView) {
  const started = Date.now();
  // Judged once the runs are read: a read that waited (a lock, a stall) is database trouble itself.
  const expiredBefore = () => {
    const now = Date.now();
    if (now - started > view.heartbeatMs) view.noteTrouble(now);
    const trouble = view.lastTrouble();
    const settling = now - view.startedAt < view.leaseMs || (trouble > 0 && now - trouble < view.leaseMs);
    return new Date((view.lastRenewal() || now) - (settling ? 2 * view.leaseMs : 0));
  };
  return recoverInterruptedRuns({
    isAlive: (claimedBy) => isWorkerAlive(claimedBy, view.workerId),
    expiredBefore,
    reason:
      "Interrupted: the worker running it stopped (crash or restart) before it finished. Re-run it from the campaign page.",
  });
}
