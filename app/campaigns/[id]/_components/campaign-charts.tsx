import { LinkBarChart } from "@/components/charts/link-bar-chart";
import { SpeedupChart } from "@/components/charts/speedup-chart";
import { LINK_COLORS } from "@/lib/format/chart-units";
import { Card } from "@/components/ui/card";
import { matrixChartData, speedupChartData, type ResultMatrix } from "@/lib/stats/matrix";

/** The four comparison charts of a campaign, shaped on the server from its matrix. */
export function CampaignCharts({ matrix }: { matrix: ResultMatrix }) {
  const series = matrix.links.map((l, i) => ({
    key: `link${l.id}`,
    name: l.name,
    color: LINK_COLORS[i % LINK_COLORS.length],
  }));
  const speedups = speedupChartData(matrix);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Migration time" description="Mean time per VM profile; shorter is better.">
        <LinkBarChart
          title="Migration time by link"
          data={matrixChartData(matrix, "meanDurationMs")}
          series={series}
          unit="durationMs"
        />
      </Card>
      <Card title="Throughput" description="Mean migration throughput per VM profile.">
        <LinkBarChart
          title="Throughput by link"
          data={matrixChartData(matrix, "meanThroughputGbps")}
          series={series}
          unit="gbps"
        />
      </Card>
      <Card title="Data transferred" description="Bytes sent over the wire, including re-sent dirty pages.">
        <LinkBarChart
          title="Data transferred by link"
          data={matrixChartData(matrix, "meanTransferredBytes")}
          series={series}
          unit="bytes"
        />
      </Card>
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
