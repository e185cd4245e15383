import Link from "next/link";
import { VERDICT_LABELS } from "@/lib/schemas/series";
import type { Verdict } from "@/lib/model/vocabulary";

const STYLES: Record<Verdict, string> = {
  regression: "bg-red-50 text-red-700 ring-red-300",
  improvement: "bg-emerald-50 text-emerald-700 ring-emerald-300",
  "needs-more-runs": "bg-amber-50 text-amber-800 ring-amber-300",
  "no-change": "bg-slate-50 text-slate-600 ring-slate-300",
};

const ICONS: Record<Verdict, string> = {
  regression: "▲",
  improvement: "▼",
  "needs-more-runs": "?",
  "no-change": "=",
};

/**
 * A verdict against the baseline as a coloured pill (with a sign, so it reads without colour); a link
 * when `href` is given. Nothing for a campaign without a baseline.
 */
export function VerdictBadge({ verdict, href, title }: { verdict: string | null; href?: string; title?: string }) {
  if (!verdict || !(verdict in STYLES)) return null;
  const v = verdict as Verdict;
  const pill = (
    <span
      title={title}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STYLES[v]}`}
    >
      <span aria-hidden="true">{ICONS[v]}</span>
      {VERDICT_LABELS[v]}
    </span>
  );
  return href ? (
    <Link href={href} prefetch={false} className="hover:opacity-80">
      {pill}
    </Link>
  ) : (
    pill
  );
}
