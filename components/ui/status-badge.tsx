const STYLES: Record<string, string> = {
  queued: "bg-slate-100 text-slate-700 ring-slate-300",
  running: "bg-sky-50 text-sky-700 ring-sky-300",
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-300",
  completed: "bg-emerald-50 text-emerald-700 ring-emerald-300",
  failed: "bg-red-50 text-red-700 ring-red-300",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-300",
  interrupted: "bg-orange-50 text-orange-800 ring-orange-300",
  imported: "bg-violet-50 text-violet-700 ring-violet-300",
  draft: "bg-slate-50 text-slate-600 ring-slate-200",
  // Webhook deliveries.
  pending: "bg-slate-100 text-slate-700 ring-slate-300",
  sending: "bg-sky-50 text-sky-700 ring-sky-300",
  delivered: "bg-emerald-50 text-emerald-700 ring-emerald-300",
  // Schedules.
  paused: "bg-amber-50 text-amber-800 ring-amber-300",
};

/** Run, campaign or webhook delivery status as a coloured pill. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status] ?? STYLES.draft}`}
    >
      {status}
    </span>
  );
}
