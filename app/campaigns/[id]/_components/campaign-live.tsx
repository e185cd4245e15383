"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { RunStatusCounts } from "@/lib/db/campaigns";
import { Card } from "@/components/ui/card";
import { RunProgressBar } from "@/components/ui/run-progress-bar";
import { RemainingBytesChart, type RemainingBytesSeries } from "@/components/charts/remaining-bytes-chart";

const POLL_MS = 2000;

export type CampaignLiveProps = { campaignId: number; counts: RunStatusCounts; running: RemainingBytesSeries[] };

/** Changes when a run starts or finishes: then the page's table, results and charts are re-rendered. */
const signatureOf = (c: RunStatusCounts) =>
  `${c.queued}/${c.running}/${c.succeeded}/${c.failed}/${c.cancelled}/${c.interrupted}`;

/**
 * Progress and the curves of the runs in flight, polled from GET /api/campaigns/:id/live every 2 s
 * while runs are queued or running. The page itself (results, charts, runs) is re-rendered only
 * when a run starts or finishes.
 */
export function CampaignLive({ campaignId, counts: initialCounts, running: initialRunning }: CampaignLiveProps) {
  const router = useRouter();
  // What the last poll said, for the counts the page was rendered with; a re-render of the page
  // (fresh counts from the server) makes it stale, and the page's own values show again.
  const [polled, setPolled] = useState<{
    base: RunStatusCounts;
    counts: RunStatusCounts;
    running: RemainingBytesSeries[];
  } | null>(null);
  const fresh = polled?.base === initialCounts ? polled : null;
  const counts = fresh?.counts ?? initialCounts;
  const running = fresh?.running ?? initialRunning;
  const signature = useRef(signatureOf(initialCounts));
  const active = counts.queued + counts.running > 0;

  useEffect(() => {
    signature.current = signatureOf(initialCounts);
  }, [initialCounts]);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/campaigns/${campaignId}/live`, { cache: "no-store" }).catch(() => null);
      if (!res?.ok || stopped) return;
      const live = (await res.json()) as { counts: RunStatusCounts; running: RemainingBytesSeries[] };
      setPolled({ base: initialCounts, counts: live.counts, running: live.running });
      if (signatureOf(live.counts) !== signature.current) {
        signature.current = signatureOf(live.counts);
        router.refresh();
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active, campaignId, router, initialCounts]);

  return (
    <>
      <Card
        title="Progress"
        className="mb-6"
        actions={
          active ? (
            <span className="inline-flex items-center gap-1.5 text-xs text-sky-700" role="status">
              <span className="h-2 w-2 animate-pulse rounded-full bg-sky-500" />
              live — updating every {POLL_MS / 1000} s
            </span>
          ) : null
        }
      >
        <RunProgressBar counts={counts} />
      </Card>
      {running.length ? (
        <Card
          title="Running now"
          description="Remaining bytes of the runs in progress, updating live."
          className="mb-6"
        >
          <RemainingBytesChart series={running} />
        </Card>
      ) : null}
    </>
  );
}
