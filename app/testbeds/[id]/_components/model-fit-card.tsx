import { listLinksWithMeasuredRuns } from "@/lib/db/links";
import { fitTestbed } from "@/lib/model/fit-testbed";
import { NO_TESTBED_MODEL } from "@/lib/model/predict";
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
  const links = await listLinksWithMeasuredRuns({ testbedId });
  const { host, links: fits, untested, leftOut } = fitTestbed(links, linkScale, downtimeLimitMs);
  if (!fits.length && !leftOut.length) return null;
  const now = links[0]?.testbed ?? NO_TESTBED_MODEL;
  // Links fitted before parameters moved to the testbed may still hold their own, which override these.
  const overriding = links.filter(
    (l) => l.modelDirtyingRateFactor != null || l.modelWireOverhead != null || l.modelSwitchoverMs != null,
  );
  const hostRows = [
    {
      name: "Dirtying guest's stream (of an idle one's)",
      now: dirtying(now.modelDirtyingRateFactor),
      fitted: dirtying(host.dirtyingFactor),
      runs: host.dirtyingRuns,
    },
    {
      name: "Wire overhead (per byte of memory)",
      now: overhead(now.modelWireOverhead),
      fitted: overhead(host.wireOverhead),
      runs: host.wireOverheadRuns,
    },
    {
      name: "Guest's dirty rate (of the rate asked)",
      now: now.modelDirtyRateFidelity == null ? "100% (default)" : percent(now.modelDirtyRateFidelity),
      fitted: host.dirtyRateFidelity == null ? "100% (default)" : percent(host.dirtyRateFidelity),
      runs: host.dirtyRateFidelityRuns,
    },
    {
      name: "Switchover (fixed part of the pause)",
      now: switchover(now.modelSwitchoverMs),
      fitted: switchover(host.switchoverMs),
      runs: host.switchoverRuns,
    },
  ];
  return (
    <Card
      title="Simulator vs reality"
      description="The pre-copy model's parameters against this testbed's measured runs: per link its efficiency and setup (time = setup + bytes ÷ (rate × efficiency)); per testbed what its hosts cost a stream, which every link — tested or not — inherits."
      className="mb-6"
      actions={
        canApply && fits.length ? (
          <ActionButton
            action={applyModelFitAction.bind(null, testbedId)}
            label="Apply fitted parameters"
            pendingLabel="Applying…"
          />
        ) : undefined
      }
    >
      {fits.length ? (
        <DataTable
          label="Model fit"
          density="card"
          rows={fits}
          rowKey={({ link }) => link.id}
          columns={[
            { header: "Link", cell: ({ link }) => link.name },
            { header: "Comparable runs", numeric: true, cell: ({ fit }) => fit.n },
            {
              header: "Model now",
              numeric: true,
              cell: ({ link }) => stream(link.modelEfficiency, link.modelSetupMs),
            },
            { header: "Error now", numeric: true, cell: ({ fit }) => percent(fit.errorBefore) },
            { header: "Fitted", numeric: true, cell: ({ fit }) => stream(fit.efficiency, fit.setupMs) },
            { header: "Error fitted", numeric: true, cell: ({ fit }) => percent(fit.errorAfter) },
          ]}
        />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          No comparable runs yet: the fit needs plain pre-copy runs without a bandwidth cap. Launch a campaign with the
          default migration settings on this testbed.
        </p>
      )}
      <h3 className="mt-4 mb-1 text-sm font-semibold">This testbed&apos;s hosts (every link)</h3>
      <DataTable
        label="Host parameters"
        density="card"
        rows={hostRows}
        rowKey={(r) => r.name}
        columns={[
          { header: "Parameter", cell: (r) => r.name },
          { header: "Model now", numeric: true, cell: (r) => r.now },
          { header: "Fitted", numeric: true, cell: (r) => r.fitted },
          { header: "From runs", numeric: true, cell: (r) => (r.runs ? r.runs : "— (kept)") },
        ]}
      />
      {overriding.length > 0 && (
        <p className="mt-2 text-sm">
          {overriding.map((l) => `“${l.name}”`).join(", ")} still {overriding.length === 1 ? "has" : "have"} host
          parameters of {overriding.length === 1 ? "its" : "their"} own, which override the testbed&apos;s until the fit
          is applied.
        </p>
      )}
      {untested.length > 0 && (
        <p className="mt-2 text-sm">
          Untested link{untested.length === 1 ? "" : "s"} {untested.map((l) => `“${l.name}”`).join(", ")}: no comparable
          runs, so applying the fit gives {untested.length === 1 ? "it" : "them"} the tested links&apos; mean efficiency
          and setup, and the hosts&apos; parameters above.
        </p>
      )}
      {leftOut.length > 0 && (
        <div className="mt-2 text-sm">
          <p>Left out of the fit:</p>
          <ul className="ml-5 list-disc">
            {leftOut.map((l) => (
              <li key={`${l.link}\u0000${l.reason}`}>
                {l.runs} run{l.runs === 1 ? "" : "s"} on {l.link}: {l.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="mt-2 text-xs text-slate-500">
        Only comparable runs count: plain pre-copy (no other strategy, multifd or XBZRLE), uncapped, over one shaping
        mode (tc where any run used it). Efficiency and setup come from runs whose guest dirtied nothing, at most 100%
        (a stream cannot beat its link); a dirtying guest&apos;s stream (it competes for CPU) from the others, pooled
        over every link; the wire overhead is what guests written once sent per byte of their memory; the switchover
        time is the median of each run&apos;s reported downtime less the model&apos;s for it. Error: mean absolute
        difference between the model&apos;s time and the measured time, relative to the measured time.
      </p>
    </Card>
  );
}

/** A link's stream: its efficiency and setup time. */
const stream = (efficiency: number, setupMs: number) =>
  `${percent(efficiency)} efficiency, ${formatDurationMs(setupMs)} setup`;

/** The fixed pause beyond what the stop-and-copy sends. */
const switchover = (ms: number | null | undefined) => (ms == null ? "none (default)" : formatDurationMs(ms));

/** Bytes on the wire per byte of memory, as headers. */
const overhead = (x: number | null | undefined) =>
  `+${((x ?? DEFAULT_MODEL_PARAMS.wireOverhead) * 100 - 100).toFixed(1)}%${x == null ? " (default)" : ""}`;

/** A dirtying guest's stream rate against an idle one's. */
const dirtying = (factor: number | null | undefined) =>
  factor == null ? `${percent(DEFAULT_MODEL_PARAMS.workloadRateFactor.continuous)} (default)` : percent(factor);
