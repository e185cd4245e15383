import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./client";

/*
 * The counts GET /metrics reports (Prometheus text format, lib/http/prometheus.ts writes it): runs by
 * status, the queue, live workers, leases lost, migration durations per adapter as histograms, and
 * webhook deliveries by status. Aggregated in the database, one query each.
 */

/** Histogram bucket bounds of a migration's duration, in seconds. */
export const DURATION_BUCKETS_S = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

export type MetricsSnapshot = {
  runsByStatus: { status: string; count: number }[];
  queue: { depth: number; oldestAgeSeconds: number | null };
  workersLive: number;
  leasesLost: number;
  durations: { adapter: string; buckets: number[]; count: number; sumSeconds: number }[];
  deliveriesByStatus: { status: string; count: number }[];
};

export async function metricsSnapshot({
  liveSince,
  now = new Date(),
}: {
  liveSince: Date;
  now?: Date;
}): Promise<MetricsSnapshot> {
  const bucketColumns = DURATION_BUCKETS_S.map(
    (s, i) => Prisma.sql`SUM(CASE WHEN "durationMs" <= ${s * 1000} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"b${i}"`)}`,
  );
  const [byStatus, oldest, workersLive, leases, durations, deliveries] = await Promise.all([
    db.run.groupBy({ by: ["status"], _count: { _all: true } }),
    db.run.findFirst({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.worker.count({ where: { stoppedAt: null, lastSeenAt: { gt: liveSince } } }),
    db.worker.aggregate({ _sum: { leasesLost: true } }),
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT "adapter", COUNT(*) AS "n", SUM("durationMs") AS "sumMs", ${Prisma.join(bucketColumns)}
      FROM "Run" WHERE "status" = 'succeeded' AND "durationMs" IS NOT NULL GROUP BY "adapter" ORDER BY "adapter"`,
    db.webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const runsByStatus = byStatus.map((r) => ({ status: r.status, count: r._count._all }));
  return {
    runsByStatus,
    queue: {
      depth: runsByStatus.find((r) => r.status === "queued")?.count ?? 0,
      oldestAgeSeconds: oldest ? Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000) : null,
    },
    workersLive,
    leasesLost: leases._sum.leasesLost ?? 0,
    durations: durations.map((d) => ({
      adapter: String(d.adapter),
      count: Number(d.n),
      sumSeconds: Number(d.sumMs ?? 0) / 1000,
      buckets: DURATION_BUCKETS_S.map((_, i) => Number(d[`b${i}`] ?? 0)),
    })),
    deliveriesByStatus: deliveries.map((d) => ({ status: d.status, count: d._count._all })),
  };
}
