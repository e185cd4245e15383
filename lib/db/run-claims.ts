import "server-only";
import { randomUUID } from "node:crypto";
import { db, dbKind } from "./client";

/*
 * Claims: a run moves queued → running for one worker. Many workers (threads, processes, machines)
 * claim at once; none may take a run another took, and a testbed never runs more than its
 * maxConcurrentRuns at once.
 * - SQLite serialises writers: one conditional UPDATE per run checks both at once.
 * - PostgreSQL: per testbed, one transaction locks the testbed's row (claimers of the same testbed
 *   queue behind it, on every machine), counts its running runs, and takes queued runs with
 *   SELECT … FOR UPDATE SKIP LOCKED.
 */

export type ClaimRequest = {
  workerId: string;
  /** How long a claim holds without renewal (the worker's lease): its lease expires that long from now. */
  leaseMs: number;
  /** How many runs the worker can start now. */
  max: number;
  /** The testbeds the worker serves (MIGBENCH_WORKER_TESTBEDS); null = every testbed. */
  testbedIds?: number[] | null;
};

/** Generous waits: on a loaded machine a claim waits for the pool and the testbed's lock rather than fail. */
const CLAIM_TRANSACTION = { maxWait: 15_000, timeout: 30_000 };

/**
 * An execution's hold on a run: the run, and the token that run carries while this execution holds it.
 * Every write an execution makes is conditional on it (lib/db/run-life.ts).
 */
export type Lease = { runId: number; token: string };

/** Claims up to `max` queued runs for the worker, oldest first; returns a lease on each. */
export async function claimQueuedRuns(request: ClaimRequest): Promise<Lease[]> {
  if (request.max <= 0 || request.testbedIds?.length === 0) return [];
  return dbKind === "postgresql" ? claimOnPostgresql(request) : claimOnSqlite(request);
}

/** Marks claimed runs started (their leases running from now), and their campaigns started and running. */
async function markStarted(tx: Pick<typeof db, "run" | "campaign">, ids: number[], leaseMs: number) {
  const now = new Date();
  await tx.run.updateMany({
    where: { id: { in: ids } },
    data: { startedAt: now, heartbeatAt: now, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  await tx.campaign.updateMany({
    where: { runs: { some: { id: { in: ids } } }, startedAt: null },
    data: { startedAt: now },
  });
  await tx.campaign.updateMany({
    where: { runs: { some: { id: { in: ids } } }, status: "queued" },
    data: { status: "running" },
  });
}

async function claimOnSqlite({ workerId, leaseMs, max, testbedIds }: ClaimRequest): Promise<Lease[]> {
  const candidates = await db.run.findMany({
    where: { status: "queued", ...(testbedIds ? { campaign: { testbedId: { in: testbedIds } } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: Math.max(50, max * 5),
    select: { id: true, campaign: { select: { testbedId: true, testbed: { select: { maxConcurrentRuns: true } } } } },
  });
  // Testbeds already at their limit are skipped without a transaction (a worker polls often, and a
  // transaction is a write lock on SQLite, which a worker paused inside it would keep from the others).
  const testbedIdsSeen = [...new Set(candidates.map((c) => c.campaign.testbedId))];
  const running = await db.run.groupBy({
    by: ["campaignId"],
    where: { status: "running", campaign: { testbedId: { in: testbedIdsSeen } } },
    _count: { _all: true },
  });
  const campaignsOf = await db.campaign.findMany({
    where: { id: { in: running.map((r) => r.campaignId) } },
    select: { id: true, testbedId: true },
  });
  const busy = new Map<number, number>();
  for (const r of running) {
    const testbedId = campaignsOf.find((c) => c.id === r.campaignId)?.testbedId;
    if (testbedId !== undefined) busy.set(testbedId, (busy.get(testbedId) ?? 0) + r._count._all);
  }
  const claimed: Lease[] = [];
  for (const run of candidates) {
    if (claimed.length >= max) break;
    if ((busy.get(run.campaign.testbedId) ?? 0) >= run.campaign.testbed.maxConcurrentRuns) continue;
    const token = randomUUID();
    // One statement: the row is still queued and its testbed is below its limit. The claim and its
    // start times commit together: a claim that fails half-way leaves the run queued, never running
    // without a worker.
    const took = await db.$transaction(async (tx) => {
      const changed = await tx.$executeRaw`
          UPDATE "Run" SET "status" = 'running', "claimedBy" = ${workerId}, "leaseToken" = ${token}
          WHERE "id" = ${run.id} AND "status" = 'queued'
            AND (SELECT COUNT(*) FROM "Run" AS r JOIN "Campaign" AS c ON r."campaignId" = c."id"
                 WHERE r."status" = 'running' AND c."testbedId" = ${run.campaign.testbedId}) < ${run.campaign.testbed.maxConcurrentRuns}`;
      if (changed === 1) await markStarted(tx, [run.id], leaseMs);
      return changed === 1;
    }, CLAIM_TRANSACTION);
    if (took) {
      claimed.push({ runId: run.id, token });
      busy.set(run.campaign.testbedId, (busy.get(run.campaign.testbedId) ?? 0) + 1);
    }
  }
  return claimed;
}

async function claimOnPostgresql({ workerId, leaseMs, max, testbedIds }: ClaimRequest): Promise<Lease[]> {
  // Testbeds with queued runs, the one waiting longest first.
  const waiting = await db.run.groupBy({
    by: ["campaignId"],
    where: { status: "queued", ...(testbedIds ? { campaign: { testbedId: { in: testbedIds } } } : {}) },
    _min: { createdAt: true },
  });
  if (!waiting.length) return [];
  const campaigns = await db.campaign.findMany({
    where: { id: { in: waiting.map((w) => w.campaignId) } },
    select: { id: true, testbedId: true },
  });
  const firstQueued = new Map<number, number>();
  for (const w of waiting) {
    const testbedId = campaigns.find((c) => c.id === w.campaignId)!.testbedId;
    const at = w._min.createdAt?.getTime() ?? 0;
    firstQueued.set(testbedId, Math.min(firstQueued.get(testbedId) ?? Infinity, at));
  }
  const order = [...firstQueued.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  const claimed: Lease[] = [];
  for (const testbedId of order) {
    if (claimed.length >= max) break;
    const taken = await db.$transaction(async (tx) => {
      const [testbed] = await tx.$queryRaw<{ limit: number }[]>`
        SELECT "maxConcurrentRuns" AS "limit" FROM "Testbed" WHERE "id" = ${testbedId} FOR UPDATE`;
      if (!testbed) return [];
      const [{ running }] = await tx.$queryRaw<{ running: number }[]>`
        SELECT COUNT(*)::int AS running FROM "Run" r JOIN "Campaign" c ON c."id" = r."campaignId"
        WHERE r."status" = 'running' AND c."testbedId" = ${testbedId}`;
      const room = Math.min(testbed.limit - running, max - claimed.length);
      if (room <= 0) return [];
      const rows = await tx.$queryRaw<{ id: number }[]>`
        SELECT r."id" FROM "Run" r JOIN "Campaign" c ON c."id" = r."campaignId"
        WHERE r."status" = 'queued' AND c."testbedId" = ${testbedId}
        ORDER BY r."createdAt", r."id" LIMIT ${room} FOR UPDATE OF r SKIP LOCKED`;
      const leases = rows.map((r) => ({ runId: r.id, token: randomUUID() }));
      if (!leases.length) return [];
      for (const lease of leases)
        await tx.run.update({
          where: { id: lease.runId },
          data: { status: "running", claimedBy: workerId, leaseToken: lease.token },
        });
      await markStarted(
        tx,
        leases.map((l) => l.runId),
        leaseMs,
      );
      return leases;
    }, CLAIM_TRANSACTION);
    claimed.push(...taken);
  }
  return claimed;
}
