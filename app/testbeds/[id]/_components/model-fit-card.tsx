import { listLinksWithMeasuredRuns } from "@/lib/db/links";
import { fitTestbedLinks } from "@/lib/model/fit-testbed";
import { formatDurationMs } from "@/lib/format/units";
import { Card } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-button";
import { applyModelFitAction } from "../../actions";
import { DataTable } from "@/components/ui/data-table";

function percent(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * Simulator vs reality: how well the pre-copy model's link parameters predict this testbed's
 * measured runs, and the parameters fitted to them (applied on request).
 */
export async function ModelFitCard({
  testbedId,
  linkScale,
  canApply,
}: {
  testbedId: number;
  linkScale: number;
  canApply: boolean;
}) {
  const fits = fitTestbedLinks(await listLinksWithMeasuredRuns({ testbedId }), linkScale);
  if (!fits.length) return null;
  return (
    <Card
      title="Simulator vs reality"
      description="The pre-copy model's link parameters against this testbed's measured runs (time = setup + bytes ÷ (rate × efficiency))."
      className="mb-6"
      actions={
        canApply ? (
          <ActionButton
            action={applyModelFitAction.bind(null, testbedId)}
            label="Apply fitted parameters"
            pendingLabel="Applying…"
          />
        ) : undefined
      }
    >
      <DataTable
        label="Model fit"
        density="card"
        rows={fits}
        rowKey={({ link }) => link.id}
        columns={[
          { header: "Link", cell: ({ link }) => link.name },
          { header: "Measured runs", numeric: true, cell: ({ fit }) => fit.n },
          {
            header: "Model now",
            numeric: true,
            cell: ({ link }) =>
              `${percent(link.modelEfficiency)} efficiency, ${formatDurationMs(link.modelSetupMs)} setup`,
          },
          { header: "Error now", numeric: true, cell: ({ fit }) => percent(fit.errorBefore) },
          {
            header: "Fitted",
            numeric: true,
            cell: ({ fit }) => `${percent(fit.efficiency)} efficiency, ${formatDurationMs(fit.setupMs)} setup`,
          },
          { header: "Error fitted", numeric: true, cell: ({ fit }) => percent(fit.errorAfter) },
        ]}
      />
      <p className="mt-2 text-xs text-slate-500">
        Error: mean absolute difference between the model&apos;s time and the measured time, relative to the measured
        time.
      </p>
    </Card>
  );
}
