import { LinkBarChart } from "@/components/charts/link-bar-chart";
import { SpeedupChart } from "@/components/charts/speedup-chart";
import { LINK_COLORS } from "@/lib/format/chart-units";
import { Card } from "@/components/ui/card";
import { matrixChartData, speedupChartData, type ResultMatrix } from "@/lib/stats/matrix";

const MATRIX_CHARTS = [
  {
    metric: "meanDurationMs",
    unit: "durationMs",
    title: "Migration time",
    description: "Mean time per VM profile; shorter is better.",
  },
  {
    metric: "meanThroughputGbps",
    unit: "gbps",
    title: "Throughput",
    description: "Mean migration throughput per VM profile.",
  },
  {
    metric: "meanTransferredBytes",
    unit: "bytes",
    title: "Data transferred",
    description: "Bytes sent over the wire, including re-sent dirty pages.",
  },
  {
    metric: "meanDowntimeMs",
    unit: "downtimeMs",
    title: "Downtime",
    description: "Mean pause the hypervisor reports for the switchover; shorter is better.",
  },
  {
    metric: "meanGuestPauseMs",
    unit: "pauseMs",
    title: "Guest-observed pause",
    description:
      "Mean time from the guest's last heartbeat on the source to its first on the destination: what an application in the VM felt.",
    /** Only adapters that read the guest's heartbeat measure it (QEMU, libvirt): no chart elsewhere. */
    onlyWhenMeasured: true,
  },
] as const;

/** The comparison charts of a campaign (time, throughput, data, downtime, speed-up), shaped on the server from its matrix. */
export function CampaignCharts({
  matrix,
  downtimeLimitMs = null,
}: {
  matrix: ResultMatrix;
  /** The downtime limit the runs migrated under, drawn on the downtime chart; null when none or mixed. */
  downtimeLimitMs?: number | null;
}) {
  const series = matrix.links.map((l, i) => ({
    key: `link${l.id}`,
    name: l.name,
    color: LINK_COLORS[i % LINK_COLORS.length],
  }));
  const speedups = speedupChartData(matrix);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {MATRIX_CHARTS.filter(
        (chart) =>
          !("onlyWhenMeasured" in chart) ||
          matrix.rows.some((row) => Object.values(row.cells).some((c) => c[chart.metric] !== null)),
      ).map((chart) => (
        <Card key={chart.metric} title={chart.title} description={chart.description}>
          {!matrix.rows.some((row) => Object.values(row.cells).some((c) => c[chart.metric] !== null)) ? (
            <p className="py-16 text-center text-sm text-slate-500">
              None of these runs reported a {chart.title.toLowerCase()} (published results often leave it out).
            </p>
          ) : (
            <LinkBarChart
              title={`${chart.title} by link`}
              data={matrixChartData(matrix, chart.metric)}
              series={series}
              unit={chart.unit}
              referenceLine={
                (chart.unit === "downtimeMs" || chart.unit === "pauseMs") && downtimeLimitMs !== null
                  ? { y: downtimeLimitMs, label: `limit ${downtimeLimitMs} ms` }
                  : undefined
              }
            />
          )}
        </Card>
      ))}
      <Card title="Speed-up of the faster link" description="Slowest link's mean time ÷ fastest link's mean time.">
        {speedups.length ? (
          <SpeedupChart data={speedups} />
        ) : (
          <p className="py-16 text-center text-sm text-slate-500">
            A speed-up needs the same VM profile measured on at least two links.
          </p>
        )}
      </Card>
    </div>
  );
}
