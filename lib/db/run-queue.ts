import "server-only";
import { db } from "./client";

/* What a worker reads for the runs it has claimed, and the progress it streams back. */

/** A claimed run with its campaign's testbed, its link and its profile, as stored (lib/runner/run-spec.ts shapes it). */
export async function getClaimedRun({ id }: { id: number }) {
  return db.run.findUnique({
    where: { id },
    include: {
      campaign: { select: { id: true, timeScale: true, testbed: true } },
      link: true,
      profile: true,
    },
  });
}

/** Run ids among `runIds` whose cancellation was requested. */
export async function listCancelRequested({ runIds }: { runIds: number[] }): Promise<number[]> {
  if (!runIds.length) return [];
  const rows = await db.run.findMany({
    where: { id: { in: runIds }, cancelRequestedAt: { not: null } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Whether runs wait in the queue — of the given testbeds, or of any (null). */
export async function hasQueuedRuns({ testbedIds }: { testbedIds: number[] | null }): Promise<boolean> {
  const run = await db.run.findFirst({
    where: { status: "queued", ...(testbedIds ? { campaign: { testbedId: { in: testbedIds } } } : {}) },
    select: { id: true },
  });
  return run !== null;
}
