import { DURATION_BUCKETS_S, type MetricsSnapshot } from "@/lib/db/metrics";

/*
 * The Prometheus text exposition format (version 0.0.4) of a metrics snapshot: HELP and TYPE lines,
 * label values escaped, histograms as cumulative _bucket series with le="+Inf", _sum and _count.
 */

const label = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** A scrape that fails (the database away: 503) is itself the signal, as Prometheus's own `up` metric. */
export function prometheusText(m: MetricsSnapshot): string {
  const out: string[] = [];
  const metric = (name: string, type: string, help: string, lines: string[]) =>
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...lines);
  metric(
    "migbench_runs",
    "gauge",
    "Runs by status.",
    m.runsByStatus.map((r) => `migbench_runs{status="${label(r.status)}"} ${r.count}`),
  );
  metric("migbench_queue_depth", "gauge", "Runs waiting in the queue.", [`migbench_queue_depth ${m.queue.depth}`]);
  metric("migbench_oldest_queued_run_age_seconds", "gauge", "How long the oldest queued run has waited.", [
    `migbench_oldest_queued_run_age_seconds ${m.queue.oldestAgeSeconds ?? 0}`,
  ]);
  metric("migbench_workers_live", "gauge", "Workers that reported within the last 15 s.", [
    `migbench_workers_live ${m.workersLive}`,
  ]);
  metric(
    "migbench_lease_losses_total",
    "counter",
    "Executions stopped because their lease was lost or could not be renewed, over all workers.",
    [`migbench_lease_losses_total ${m.leasesLost}`],
  );
  metric(
    "migbench_migration_duration_seconds",
    "histogram",
    "Duration of succeeded migrations, per adapter.",
    m.durations.flatMap((d) => {
      const a = label(d.adapter);
      return [
        ...DURATION_BUCKETS_S.map(
          (le, i) => `migbench_migration_duration_seconds_bucket{adapter="${a}",le="${le}"} ${d.buckets[i]}`,
        ),
        `migbench_migration_duration_seconds_bucket{adapter="${a}",le="+Inf"} ${d.count}`,
        `migbench_migration_duration_seconds_sum{adapter="${a}"} ${d.sumSeconds}`,
        `migbench_migration_duration_seconds_count{adapter="${a}"} ${d.count}`,
      ];
    }),
  );
  metric(
    "migbench_webhook_deliveries",
    "gauge",
    "Webhook messages by status (failed: given up after every attempt).",
    m.deliveriesByStatus.map((d) => `migbench_webhook_deliveries{status="${label(d.status)}"} ${d.count}`),
  );
  return `${out.join("\n")}\n`;
}
