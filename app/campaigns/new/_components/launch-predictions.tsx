import type { MigrationPrediction } from "@/lib/model/precopy";
import { formatBytes, formatDurationMs } from "@/lib/format/units";
import { DataTable } from "@/components/ui/data-table";
import type { LaunchLink, LaunchProfile } from "./launch-options";

export type PredictedCell = {
  /** The combination (profile, link, variant, swept value): one row each, keyed by it. */
  key: string;
  link: LaunchLink;
  profile: LaunchProfile;
  /** The settings variant's label, when the campaign has several; the swept value, when it sweeps. */
  variant: string | null;
  swept: string | null;
  prediction: MigrationPrediction;
};

/** At most this many rows are tabled; the warnings still cover every one. */
const MAX_ROWS = 60;

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
            {failing.slice(0, 12).map((f) => (
              <li key={f.key}>
                {f.profile.name} over {f.link.name}
                {f.variant ? ` with ${f.variant}` : ""}
                {f.swept ? ` at ${f.swept}` : ""}: {f.prediction.advice}
              </li>
            ))}
            {failing.length > 12 ? <li>and {failing.length - 12} more</li> : null}
          </ul>
        </div>
      ) : null}
      <DataTable
        label="Predicted runs"
        density="compact"
        shadedHeader
        rows={predictions.slice(0, MAX_ROWS)}
        rowKey={(p) => p.key}
        columns={[
          { header: "VM profile", cell: ({ profile }) => profile.name },
          { header: "Link", cell: ({ link }) => link.name },
          ...(predictions.some((p) => p.variant)
            ? [{ header: "Settings", cell: ({ variant }: PredictedCell) => variant }]
            : []),
          ...(predictions.some((p) => p.swept)
            ? [{ header: "Swept", numeric: true, cell: ({ swept }: PredictedCell) => swept }]
            : []),
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
      {predictions.length > MAX_ROWS ? (
        <p className="mt-1 text-xs text-slate-500">
          The first {MAX_ROWS} of {predictions.length} combinations.
        </p>
      ) : null}
    </section>
  );
}
