import "server-only";
import { db } from "./client";

/*
 * The runner processes that claim runs — the app's own and `npm run worker` on other hosts — as they
 * report themselves: registered when they start, seen at every heartbeat, marked stopped on a clean
 * shutdown. What a testbed page shows under "Workers", and how a queued run knows whether anything will
 * ever pick it up.
 */

/** A worker silent for longer than this is not counted as serving anything (its heartbeat is every 2 s). */
export const WORKER_LIVE_MS = 15_000;

export type WorkerRegistration = {
  id: string;
  host: string;
  pid: number;
  /** The testbeds it serves; null: every testbed. */
  testbedIds: number[] | null;
  adapters: string[];
};

/** Records a worker as started (again, if its id was seen before). */
export async function registerWorker(w: WorkerRegistration): Promise<void> {
  const data = {
    host: w.host,
    pid: w.pid,
    testbedsJson: w.testbedIds ? JSON.stringify(w.testbedIds) : null,
    adapters: w.adapters.join(","),
    lastSeenAt: new Date(),
    stoppedAt: null,
  };
  await db.worker.upsert({ where: { id: w.id }, create: { id: w.id, ...data }, update: data });
}

/** The worker's heartbeat, with how many executions it has stopped for a lost lease so far. */
export async function touchWorker(id: string, { leasesLost }: { leasesLost?: number } = {}): Promise<void> {
  await db.worker.updateMany({
    where: { id },
    data: { lastSeenAt: new Date(), ...(leasesLost !== undefined ? { leasesLost } : {}) },
  });
}

/** A clean shutdown. */
export async function markWorkerStopped(id: string): Promise<void> {
  await db.worker.updateMany({ where: { id }, data: { stoppedAt: new Date() } });
}

function serves(testbedsJson: string | null, testbedId: number): boolean {
  if (testbedsJson === null) return true;
  try {
    const ids: unknown = JSON.parse(testbedsJson);
    return Array.isArray(ids) && ids.includes(testbedId);
  } catch {
    return false;
  }
}

/** Workers with a heartbeat in the last WORKER_LIVE_MS that serve the testbed, newest heartbeat first. */
async function liveWorkersServing(testbedId: number, now: Date) {
  const live = await db.worker.findMany({
    where: { stoppedAt: null, lastSeenAt: { gt: new Date(now.getTime() - WORKER_LIVE_MS) } },
    orderBy: { lastSeenAt: "desc" },
    take: 200,
  });
  return live.filter((w) => serves(w.testbedsJson, testbedId));
}

/**
 * The live workers that serve a testbed (pinned to it, or serving every testbed), newest heartbeat
 * first, each with the runs of this testbed it is migrating now.
 */
export async function listTestbedWorkers({ testbedId, now = new Date() }: { testbedId: number; now?: Date }) {
  const serving = await liveWorkersServing(testbedId, now);
  const running = serving.length
    ? await db.run.findMany({
        where: { status: "running", claimedBy: { in: serving.map((w) => w.id) }, campaign: { testbedId } },
        select: { id: true, claimedBy: true, campaignId: true },
        orderBy: { id: "asc" },
      })
    : [];
  return serving.map((w) => ({
    id: w.id,
    host: w.host,
    pid: w.pid,
    pinned: w.testbedsJson !== null,
    adapters: w.adapters ? w.adapters.split(",") : [],
    startedAt: w.startedAt,
    lastSeenAt: w.lastSeenAt,
    running: running.filter((r) => r.claimedBy === w.id).map((r) => ({ id: r.id, campaignId: r.campaignId })),
  }));
}

/** Whether any live worker serves the testbed (a queued run of it will be picked up). */
export async function testbedHasLiveWorker(testbedId: number): Promise<boolean> {
  return (await liveWorkersServing(testbedId, new Date())).length > 0;
}
