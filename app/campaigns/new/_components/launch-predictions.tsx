import type { MigrationPrediction } from "@/lib/model/precopy";
import { formatBytes, formatDurationMs } from "@/lib/format/units";
import { DataTable } from "@/components/ui/data-table";
import type { LaunchLink, LaunchProfile } from "./launch-options";

export type PredictedCell = { link: LaunchLink; profile: LaunchProfile; prediction: MigrationPrediction };

/** The pre-copy model's prediction for every link × profile about to launch, and what will not converge. */
export function LaunchPredictions({ predictions }: { predictions: PredictedCell[] }) {
  if (!predictions.length) return null;
  const failing = predictions.filter((p) => !p.prediction.converges);
  return (
    <section aria-label="Predictions">
      <h3 className="mb-2 text-sm font-medium text-slate-700">Predicted per run (pre-copy model)</h3>
      {failing.length ? (
        <div
          role="alert"
          className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <p className="font-medium">
            {failing.length} combination{failing.length === 1 ? "" : "s"} will not converge; those runs will fail.
          </p>
          <ul className="mt-1 list-disc pl-5">
            {failing.map((f) => (
              <li key={`${f.link.id}-${f.profile.id}`}>
                {f.profile.name} over {f.link.name}: {f.prediction.advice}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <DataTable
        label="Predicted runs"
        density="compact"
        shadedHeader
        rows={predictions}
        rowKey={({ link, profile }) => `${link.id}-${profile.id}`}
        columns={[
          { header: "VM profile", cell: ({ profile }) => profile.name },
          { header: "Link", cell: ({ link }) => link.name },
          { header: "Time", numeric: true, cell: ({ prediction }) => formatDurationMs(prediction.durationMs) },
          { header: "Data", numeric: true, cell: ({ prediction }) => formatBytes(prediction.transferredBytes) },
          {
            header: "Downtime",
            numeric: true,
            cell: ({ prediction }) => (prediction.converges ? formatDurationMs(prediction.downtimeMs) : "—"),
          },
          { header: "Rounds", numeric: true, cell: ({ prediction }) => prediction.precopyRounds },
          {
            header: "Converges",
            cell: ({ prediction }) =>
              prediction.converges ? (
                "yes"
              ) : (
                <span className="font-medium text-amber-700">no (λ = {prediction.lambda.toFixed(2)})</span>
              ),
          },
        ]}
      />
    </section>
  );
}
