"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * Re-renders the page's server components every intervalMs while `active`: progress, results and
 * charts fill in as runs finish, without a manual reload. Stops once nothing is queued or running.
 */
export function LiveRefresh({ active, intervalMs = 2000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  if (!active) return null;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-sky-700" role="status">
      <span className="h-2 w-2 animate-pulse rounded-full bg-sky-500" />
      live — updating every {intervalMs / 1000} s
    </span>
  );
}
