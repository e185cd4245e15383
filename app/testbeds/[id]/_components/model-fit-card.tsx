import { listLinksWithMeasuredRuns } from "@/lib/db/links";
import { fitTestbedLinks } from "@/lib/model/fit-testbed";
import { DEFAULT_MODEL_PARAMS } from "@/lib/model/precopy";
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
  downtimeLimitMs,
  canApply,
}: {
  testbedId: number;
  linkScale: number;
  /** The limit runs without their own migrated under: the model's downtime for them uses it. */
  downtimeLimitMs: number | null;
  canApply: boolean;
}) {
  const fits = fitTestbedLinks(await listLinksWithMeasuredRuns({ testbedId }), linkScale, downtimeLimitMs);
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
            cell: ({ link }) => (
              <Parameters
                model={{
                  efficiency: link.modelEfficiency,
                  setupMs: link.modelSetupMs,
                  dirtyingFactor: link.modelDirtyingRateFactor,
                  wireOverhead: link.modelWireOverhead,
                  switchoverMs: link.modelSwitchoverMs,
                }}
              />
            ),
          },
          { header: "Error now", numeric: true, cell: ({ fit }) => percent(fit.errorBefore) },
          {
            header: "Fitted",
            numeric: true,
            cell: ({ fit }) => <Parameters model={fit} />,
          },
          { header: "Error fitted", numeric: true, cell: ({ fit }) => percent(fit.errorAfter) },
        ]}
      />
      <p className="mt-2 text-xs text-slate-500">
        Efficiency and setup come from runs whose guest dirtied nothing; a dirtying guest&apos;s stream (it competes for
        CPU) is then fitted from the others, when the link has both; the wire overhead is what guests written once sent
        per byte of their memory; the switchover time is the median of each run&apos;s reported downtime less the
        model&apos;s for it (a fixed pause for device state and resume). Error: mean absolute difference between the
        model&apos;s time and the measured time, relative to the measured time.
      </p>
    </Card>
  );
}

/** A link's model parameters, one per line (with how many runs the switchover was fitted on, for a fit). */
function Parameters({
  model: m,
}: {
  model: {
    efficiency: number;
    setupMs: number;
    dirtyingFactor?: number | null;
    wireOverhead?: number | null;
    switchoverMs?: number | null;
    switchoverRuns?: number;
  };
}) {
  const lines = [
    `${percent(m.efficiency)} efficiency, ${formatDurationMs(m.setupMs)} setup`,
    dirtying(m.dirtyingFactor),
    overhead(m.wireOverhead),
    `${switchover(m.switchoverMs)}${m.switchoverRuns ? ` (${m.switchoverRuns} runs)` : ""}`,
  ];
  return (
    <>
      {lines.map((line) => (
        <span key={line} className="block whitespace-nowrap">
          {line}
        </span>
      ))}
    </>
  );
}

/** The fixed pause beyond what the stop-and-copy sends, in words. */
const switchover = (ms: number | null | undefined) =>
  ms == null ? "no switchover time (default)" : `${formatDurationMs(ms)} switchover`;

/** Bytes on the wire per byte of memory, as headers in words. */
const overhead = (x: number | null | undefined) =>
  `${((x ?? DEFAULT_MODEL_PARAMS.wireOverhead) * 100 - 100).toFixed(1)}% wire overhead${x == null ? " (default)" : ""}`;

/** A dirtying guest's stream rate against an idle one's, in words. */
const dirtying = (factor: number | null | undefined) =>
  `dirtying guests ${factor == null ? `${percent(DEFAULT_MODEL_PARAMS.workloadRateFactor.continuous)} (default)` : percent(factor)}`;
