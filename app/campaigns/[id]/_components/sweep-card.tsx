import { Card } from "@/components/ui/card";
import { SweepChart } from "@/components/charts/sweep-chart";
import { SWEEP_METRICS, type SweepCurves, type SweepMetric } from "@/lib/stats/sweep";

/** A sweep campaign's curves: time, data and downtime against the swept variable, with the model and λ = 1. */
export function SweepCard({ curves }: { curves: SweepCurves }) {
  const boundary = curves.series.some((s) => s.boundaryX !== null);
  const givesUp = curves.series.some((s) => s.givesUpX !== null);
  const failed = curves.series.flatMap((s) => s.failedAt.map((f) => ({ ...f, label: s.label })));
  return (
    <Card
      title={`Against ${curves.axisLabel.charAt(0).toLowerCase()}${curves.axisLabel.slice(1)}`}
      description={`Dots: measured means with their 95% intervals; dashed: the pre-copy model through the range${boundary ? "; red: λ = 1, where the guest dirties memory as fast as the link carries it" : ""}${givesUp ? "; amber: where the model's pre-copy gives up (30 rounds or 3× memory sent) before that" : ""}.`}
      className="mb-6"
    >
      <div className="grid gap-6 lg:grid-cols-3">
        {(Object.keys(SWEEP_METRICS) as SweepMetric[]).map((metric) => (
          <SweepChart key={metric} curves={curves} metric={metric} />
        ))}
      </div>
      {failed.length ? (
        <p className="mt-3 text-sm text-amber-800">
          No run succeeded at: {failed.map((f) => `${+f.x.toPrecision(4)} (${f.label}, ${f.failed} failed)`).join("; ")}{" "}
          — the runs table says why.
        </p>
      ) : null}
    </Card>
  );
}
