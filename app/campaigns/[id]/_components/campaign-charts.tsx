import { LinkBarChart } from "@/components/charts/link-bar-chart";
import { SpeedupChart } from "@/components/charts/speedup-chart";
import { LINK_COLORS } from "@/lib/format/chart-units";
import { Card } from "@/components/ui/card";
import { matrixChartData, speedupChartData, type ResultMatrix } from "@/lib/stats/matrix";
import { meanKey, METRIC_KEYS, METRIC_REGISTRY } from "@/lib/model/metrics";

/** A chart per result metric of the registry (lib/model/metrics.ts), of the matrix's mean per cell. */
const MATRIX_CHARTS = METRIC_KEYS.map((metric) => ({
  metric: meanKey(metric),
  unit: METRIC_REGISTRY[metric].unit,
  title: METRIC_REGISTRY[metric].label,
  description: METRIC_REGISTRY[metric].chart.description,
  /** Only some adapters measure it: no chart where no run did. */
  onlyWhenMeasured: METRIC_REGISTRY[metric].measuredOnly,
}));

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
          !chart.onlyWhenMeasured ||
          matrix.rows.some((row) => Object.values(row.cells).some((c) => c[chart.metric] !== null)),
      ).map((chart) => (
        <Card
          key={chart.metric}
          title={chart.title}
          description={`${chart.description} Whiskers: each mean's 95% interval (two or more runs).`}
        >
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
