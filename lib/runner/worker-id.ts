import os from "node:os";
import { randomBytes } from "node:crypto";
import { availableAdapterKinds } from "@/lib/hypervisors/registry";

/** A worker id names its host and process, so a dead process's runs can be recognised. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/**
 * Whether the worker that claimed a run may still be alive. On this host the process table tells;
 * for another host only its heartbeat can (the caller checks staleness).
 */
export function isWorkerAlive(claimedBy: string | null, selfId: string): boolean {
  if (!claimedBy) return false;
  if (claimedBy === selfId) return true;
  const [host, pidText] = claimedBy.split(":");
  if (host !== os.hostname()) return true;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A worker as it registers (lib/db/workers.ts): its host and process from its id, its testbeds, the adapters this build has. */
export function workerRow(workerId: string, testbedIds: number[] | null) {
  const [host, pid] = workerId.split(":");
  return { id: workerId, host, pid: Number(pid) || process.pid, testbedIds, adapters: availableAdapterKinds() };
}
