import { DEFAULT_MODEL_PARAMS, formatHorizon } from "@/lib/model/precopy";
import { Card } from "@/components/ui/card";
import { SweepPanels } from "@/components/charts/sweep-panels";
import { DataTable } from "@/components/ui/data-table";
import {
  MODELLED_SWEEP_METRICS,
  modelError,
  shownSweepMetrics,
  SWEEP_METRICS,
  type SweepCurves,
  type SweepMetric,
  type SweepSeries,
} from "@/lib/stats/sweep";

const signedPercent = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(0)}%`;

/** "±6% median, worst +21% at 100": how far the model is from the measured means of a series. */
function ErrorCell({ series, metric, unit }: { series: SweepSeries; metric: SweepMetric; unit: string }) {
  const e = modelError(series.points[metric]);
  if (!e) return <span className="text-slate-500">—</span>;
  const within = Math.abs(e.worst) <= 0.25;
  return (
    <span className={within ? "" : "text-amber-800"}>
      ±{(e.median * 100).toFixed(0)}% median
      <span className="block text-xs text-slate-500">
        worst {signedPercent(e.worst)} at {+e.worstX.toPrecision(4)} {unit}
      </span>
    </span>
  );
}

/**
 * A sweep campaign's curves: time, data and downtime (and the guest's pause, where measured) against the
 * swept variable, with the model and λ = 1.
 */
export function SweepCard({
  curves,
  overLimit = [],
}: {
  curves: SweepCurves;
  /** Cells whose runs' downtime overshot the limit they ran under (from the result matrix). */
  overLimit?: { label: string; runs: number; of: number }[];
}) {
  const boundary = curves.series.some((s) => s.boundaryX !== null);
  const givesUp = curves.series.some((s) => s.givesUpX !== null);
  const failed = curves.series.flatMap((s) => s.failedAt.map((f) => ({ ...f, label: s.label })));
  const metrics = shownSweepMetrics(curves);
  return (
    <Card
      title={`Against ${curves.axisLabel.charAt(0).toLowerCase()}${curves.axisLabel.slice(1)}`}
      description={`Dots: measured means (hover one for its series in full) with their 95% intervals; dashed: the pre-copy model through the range${boundary ? "; red: λ = 1, where the guest dirties memory as fast as the link carries it" : ""}${givesUp ? `; amber: where the model's pre-copy is still running after ${formatHorizon(DEFAULT_MODEL_PARAMS.horizonMs)} before that (QEMU never gives up: the run's timeout stops it)` : ""}${metrics.includes("guestPauseMs") ? "; the guest-observed pause is measured only (the model predicts the hypervisor's downtime)" : ""}.`}
      className="mb-6"
    >
      <SweepPanels curves={curves} metrics={metrics} />
      <h3 className="mb-2 mt-6 text-sm font-medium text-slate-800">Model against measurement</h3>
      <p className="mb-2 text-xs text-slate-500">
        Measured mean ÷ model − 1 at each swept value that succeeded, with this testbed&apos;s current model (refit it
        on the testbed page). Amber: a point more than 25% off.
      </p>
      <DataTable
        label="Model against measurement"
        density="compact"
        rowHeader
        rowKey={(s) => s.key}
        rows={curves.series}
        columns={[
          { header: "Series", cell: (s) => s.label, className: "font-medium" },
          ...MODELLED_SWEEP_METRICS.map((metric) => ({
            header: SWEEP_METRICS[metric].title,
            cell: (s: SweepSeries) => <ErrorCell series={s} metric={metric} unit={curves.unit} />,
          })),
        ]}
      />
      {overLimit.length ? (
        <p role="note" className="mt-3 text-sm text-amber-800">
          Downtime over the limit the runs asked for:{" "}
          {overLimit.map((o) => `${o.label} (${o.runs} of ${o.of})`).join("; ")} — the hypervisor overshot it.
        </p>
      ) : null}
      {failed.length ? (
        <p className="mt-3 text-sm text-amber-800">
          No run succeeded at: {failed.map((f) => `${+f.x.toPrecision(4)} (${f.label}, ${f.failed} failed)`).join("; ")}{" "}
          — the runs table says why.
        </p>
      ) : null}
    </Card>
  );
}
