import type { RunStatusCounts } from "@/lib/db/campaigns";

const SEGMENTS = [
  { key: "succeeded", label: "succeeded", className: "bg-emerald-500" },
  { key: "failed", label: "failed", className: "bg-red-500" },
  { key: "cancelled", label: "cancelled", className: "bg-amber-400" },
  { key: "interrupted", label: "interrupted", className: "bg-orange-400" },
  { key: "running", label: "running", className: "bg-sky-500" },
  { key: "queued", label: "queued", className: "bg-slate-300" },
] as const;

/** Stacked bar of a campaign's runs by status, with the counts spelled out. */
export function RunProgressBar({ counts }: { counts: RunStatusCounts }) {
  const done = counts.succeeded + counts.failed + counts.cancelled + counts.interrupted;
  const percent = counts.total ? Math.round((done / counts.total) * 100) : 0;
  return (
    <div>
      <div
        role="progressbar"
        aria-label="Runs finished"
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${counts.total} runs finished`}
        className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100"
      >
        {SEGMENTS.map((s) =>
          counts[s.key] ? (
            <div key={s.key} className={s.className} style={{ width: `${(counts[s.key] / counts.total) * 100}%` }} />
          ) : null,
        )}
      </div>
      <p className="num mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
        <span className="font-medium text-slate-900">
          {done} of {counts.total} runs finished ({percent}%)
        </span>
        {SEGMENTS.filter((s) => counts[s.key] > 0).map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <span className={`inline-block h-2 w-2 rounded-sm ${s.className}`} />
            {counts[s.key]} {s.label}
          </span>
        ))}
      </p>
    </div>
  );
}
