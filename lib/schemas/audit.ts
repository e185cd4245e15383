import { z } from "zod";

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are YYYY-MM-DD")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** The audit log's filters and position, from the URL (the URL is the view). */
export const auditQuerySchema = z.object({
  action: z
    .string()
    .max(60)
    .regex(/^[a-z.-]*$/, "Unknown action")
    .optional(),
  actor: z.string().max(200).optional(),
  from: dateParam,
  to: dateParam,
  before: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53)
    .optional()
    .catch(undefined),
});

export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The database filter for a query: `to` includes its whole day (UTC). */
export function auditFilterOf(q: AuditQuery) {
  return {
    action: q.action || undefined,
    actor: q.actor?.trim() || undefined,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
  };
}

/** The query string of a view (without the page position unless given). */
export function auditQueryString(q: AuditQuery, before?: number | null): string {
  const params = new URLSearchParams();
  for (const key of ["action", "actor", "from", "to"] as const) if (q[key]) params.set(key, String(q[key]));
  if (before) params.set("before", String(before));
  return params.toString();
}
