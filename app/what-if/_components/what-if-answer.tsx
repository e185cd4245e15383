import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { DataTable } from "@/components/ui/data-table";
import { ButtonLink } from "@/components/ui/button-link";
import { EvacuationTimeline, SpeedChart } from "@/components/charts/what-if-charts";
import { formatBytes, formatDurationMs, formatMemory } from "@/lib/format/units";
import { STRATEGY_LABELS } from "@/lib/model/migration-settings";
import type { Estimate } from "@/lib/planner/what-if";
import type { WhatIfReply } from "@/lib/operations/what-if";

/** "80% interval: 11.9 s – 12.8 s" under a figure, or why there is none. */
function estimateHint(e: Estimate, format: (x: number) => string, converging: { n: number; of: number } | null) {
  if (e.interval) return `80% interval: ${format(e.interval.low)} – ${format(e.interval.high)}`;
  if (!converging) return "no interval: no fit of this testbed's runs yet";
  return `no interval: only ${converging.n} of ${converging.of} resampled fits converge (close to λ = 1)`;
}

/** The planner's answer: the question in words, the figures with intervals, advice, speeds, strategies, evacuation. */
export function WhatIfAnswerView({ reply, canLaunch }: { reply: WhatIfReply; canLaunch: boolean }) {
  const { asked: q, answer: a } = reply;
  const speed = q.gbps ?? q.link.lineRateGbps;
  const guest = `${q.vms} × ${formatMemory(q.memoryGiB * 2 ** 30)} · ${q.workload}${q.workload === "continuous" ? ` at ${q.dirtyMBps} MB/s` : ""}`;
  const suggested = a.suggestedStrategy ? STRATEGY_LABELS[a.suggestedStrategy] : null;
  return (
    <div className="space-y-6">
      <Card
        title="The answer"
        description={`${guest} over “${q.link.name}” of ${q.testbed.name} at ${speed} Gb/s line rate (${a.rateGbps.toFixed(2)} Gb/s as runs see it) · ${STRATEGY_LABELS[q.strategy]}${q.multifd > 1 ? ` · multifd ×${q.multifd}` : ""} · downtime limit ${formatDurationMs(q.downtimeMs)}`}
        actions={canLaunch ? <ButtonLink href={reply.launchUrl}>Launch as a campaign</ButtonLink> : undefined}
      >
        {a.converges ? (
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Stat
              label="Migration time"
              value={formatDurationMs(a.durationMs!.value)}
              hint={estimateHint(a.durationMs!, formatDurationMs, a.resamplesConverging)}
            />
            <Stat
              label="Data sent"
              value={formatBytes(a.transferredBytes!.value)}
              hint={estimateHint(a.transferredBytes!, formatBytes, a.resamplesConverging)}
            />
            <Stat
              label="Downtime"
              value={formatDurationMs(a.downtimeMs!.value)}
              hint={
                a.downtimeOverLimit
                  ? `over the ${formatDurationMs(q.downtimeMs)} limit: the hypervisor will overshoot it`
                  : estimateHint(a.downtimeMs!, formatDurationMs, a.resamplesConverging)
              }
            />
            <Stat
              label="λ = dirty rate ÷ stream rate"
              value={a.lambda.toFixed(2)}
              hint={
                a.lambda < 1
                  ? `${a.rounds} pre-copy rounds; margin ${((1 - a.lambda) * 100).toFixed(0)}% below 1`
                  : "≥ 1: pre-copy cannot catch up"
              }
            />
          </dl>
        ) : (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="font-medium">
              {STRATEGY_LABELS[q.strategy]} {a.reason}.
            </p>
            {a.advice ? <p className="mt-1">To make it converge: {a.advice}</p> : null}
          </div>
        )}
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
          <li>
            {a.firstConvergingLink
              ? a.firstConvergingLink.lineRateGbps <= speed && a.converges
                ? `It converges from ${a.firstConvergingLink.lineRateGbps} Gb/s (${formatDurationMs(a.firstConvergingLink.durationMs)} there).`
                : `The first standard link speed at which it converges: ${a.firstConvergingLink.lineRateGbps} Gb/s (${formatDurationMs(a.firstConvergingLink.durationMs)}).`
              : "No standard link speed up to 400 Gb/s makes pre-copy converge: lower the dirty rate or change the strategy."}
          </li>
          <li>
            {suggested
              ? `Fastest strategy within the downtime limit: ${suggested}.`
              : "No strategy converges within the downtime limit here."}
          </li>
        </ul>
        <p className="mt-3 text-xs text-slate-500">
          Model: {a.calibration}. The question is this page&apos;s address:{" "}
          <Link href={reply.url} prefetch={false} className="underline">
            share it
          </Link>{" "}
          and a colleague sees the same answer (for the same runs).
        </p>
      </Card>

      <Card
        title="Link speed"
        description={`The same hosts and guest over standard link speeds (line rate); the asked one is dark. At ${q.testbed.name}'s scale each link runs at its rate × the testbed's link scale.`}
      >
        <SpeedChart bySpeed={a.bySpeed} askedGbps={speed} />
      </Card>

      <Card
        title="Strategies"
        description="Each strategy on the same question. A pause over the limit is flagged: the hypervisor would overshoot it."
      >
        <DataTable
          label="Strategies"
          density="card"
          rows={a.strategies}
          rowKey={(s) => s.strategy}
          columns={[
            {
              header: "Strategy",
              cell: (s) => `${s.label}${s.strategy === a.suggestedStrategy ? " (suggested)" : ""}`,
            },
            {
              header: "Time",
              numeric: true,
              cell: (s) => (s.durationMs === null ? "does not converge" : formatDurationMs(s.durationMs)),
            },
            {
              header: "Data sent",
              numeric: true,
              cell: (s) => (s.transferredBytes === null ? "—" : formatBytes(s.transferredBytes)),
            },
            {
              header: "Downtime",
              numeric: true,
              cell: (s) =>
                s.downtimeMs === null
                  ? "—"
                  : `${formatDurationMs(s.downtimeMs)}${s.downtimeOverLimit ? " — over the limit" : ""}`,
            },
          ]}
        />
      </Card>

      {a.evacuation ? (
        <Card
          title="Evacuation"
          description={`${a.evacuation.vms} VMs like the one above leave the host over “${q.link.name}”, ${a.evacuation.concurrent} at a time; the VMs of a wave share the link.`}
        >
          {a.evacuation.converges ? (
            <>
              <dl className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
                <Stat
                  label="Host drained in"
                  value={formatDurationMs(a.evacuation.total.value)}
                  hint={estimateHint(a.evacuation.total, formatDurationMs, a.resamplesConverging)}
                />
                <Stat label="Waves" value={String(Math.max(...a.evacuation.timeline.map((v) => v.wave)))} />
                <Stat
                  label="Longest pause of a VM"
                  value={formatDurationMs(Math.max(0, ...a.evacuation.timeline.map((v) => v.downtimeMs)))}
                />
              </dl>
              <EvacuationTimeline timeline={a.evacuation.timeline} />
            </>
          ) : (
            <p role="alert" className="text-sm text-amber-900">
              The evacuation cannot finish with pre-copy as asked: {a.evacuation.reason}. Fewer migrations at once, a
              faster link or post-copy would.
            </p>
          )}
        </Card>
      ) : null}
    </div>
  );
}
