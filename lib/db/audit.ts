import "server-only";
import { db } from "./client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { idsAfter, pageOf, type PageArgs } from "./paging";
import { containsIgnoringCase } from "./dialect";

/** Who did something, as the audit log records it. */
export type AuditActor = {
  actorType: "user" | "token" | "anonymous" | "system";
  actorId: string | null;
  actorLabel: string;
  ipAddress?: string | null;
};

export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string | number;
  summary: string;
  /** Facts such as the names of changed keys; never secret values. */
  details?: Record<string, unknown>;
};

/** Appends one row to the audit log. */
export async function recordAudit(actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorType: actor.actorType,
      actorId: actor.actorId,
      actorLabel: actor.actorLabel.slice(0, 300),
      ipAddress: actor.ipAddress?.slice(0, 100) ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      summary: entry.summary.slice(0, 2000),
      detailsJson: entry.details ? JSON.stringify(entry.details) : null,
    },
  });
}

export type AuditFilter = { action?: string; actor?: string; from?: Date; to?: Date };

function whereOf(filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.action
      ? filter.action.endsWith(".")
        ? { action: { startsWith: filter.action } }
        : { action: filter.action }
      : {}),
    ...(filter.actor ? { actorLabel: containsIgnoringCase(filter.actor) } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

const AUDIT_SELECT = {
  id: true,
  createdAt: true,
  actorType: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  summary: true,
  detailsJson: true,
  ipAddress: true,
} as const;

type AuditPage = { filter: AuditFilter; before?: number } & PageArgs;

/** A page of the audit log, newest first; `before` is the id to continue after. */
export async function listAuditEvents({ filter, before, take = 50 }: AuditPage) {
  const rows = await db.auditEvent.findMany({
    where: { ...whereOf(filter), ...idsAfter(before, "desc") },
    orderBy: { id: "desc" },
    take: take + 1,
    select: AUDIT_SELECT,
  });
  return pageOf(rows, take);
}

/** Every matching event, newest first, in batches (for CSV export). */
export async function* iterateAuditEvents({ filter }: { filter: AuditFilter }) {
  let before: number | undefined;
  for (;;) {
    const page = await listAuditEvents({ filter, before, take: 1000 });
    yield* page.items;
    if (page.next === null) return;
    before = page.next;
  }
}

/** The distinct actions recorded so far (for the filter menu). */
export async function listAuditActions(): Promise<string[]> {
  const rows = await db.auditEvent.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
    take: 200,
  });
  return rows.map((r) => r.action);
}

/** Failed sign-ins for an email since a moment: the sign-in throttle counts these. */
export async function countFailedSignIns({ email, since }: { email: string; since: Date }): Promise<number> {
  return db.auditEvent.count({ where: { action: "auth.sign-in-failed", targetId: email, createdAt: { gte: since } } });
}
