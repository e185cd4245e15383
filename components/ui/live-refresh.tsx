"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";

/**
 * Re-renders the page's server components while `active`, when what `watchUrl` (a JSON API route)
 * answers has changed since the last look, checked every intervalMs: progress, results and charts fill
 * in as runs move, without a manual reload. A page whose runs do not move (queued with no worker) asks
 * the API only, which is no activity: it does not keep an unattended session alive (lib/auth/activity.ts).
 * Stops once nothing is queued or running.
 */
export function LiveRefresh({
  active,
  watchUrl,
  intervalMs = 2000,
}: {
  active: boolean;
  watchUrl: string;
  intervalMs?: number;
}) {
  const router = useRouter();
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await fetch(watchUrl, { cache: "no-store" }).catch(() => null);
      const text = res?.ok ? await res.text().catch(() => null) : null;
      if (stopped || text === null) return;
      // The first look refreshes once: the run may have moved between the render and it.
      if (text !== last.current) router.refresh();
      last.current = text;
    }, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active, watchUrl, intervalMs, router]);
  if (!active) return null;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-sky-700" role="status">
      <span className="h-2 w-2 animate-pulse rounded-full bg-sky-500" />
      live — updating every {intervalMs / 1000} s
    </span>
  );
}
