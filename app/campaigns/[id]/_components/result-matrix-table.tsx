import {
  formatBytes,
  formatDurationMs,
  formatGbps,
  formatGigabits,
  formatMemory,
  formatRatio,
} from "@/lib/format/units";
import { untoldLinks, type MatrixCell, type ResultMatrix } from "@/lib/stats/matrix";
import { rateLeakShare, rateLeakText } from "@/lib/model/rates";
import { offLinkText } from "@/lib/model/wire";
import { TableScroll } from "@/components/ui/table-scroll";

export type CellPrediction = { durationMs: number; transferredBytes: number; downtimeMs: number; converges: boolean };

/** Key of a matrix cell in the predictions map. */
export function cellKey(
  cell: { profileId: number; settingsKey?: string; sweepValue?: number | null },
  linkId: number,
): string {
  return `${cell.profileId}|${cell.settingsKey ?? ""}|${cell.sweepValue ?? ""}:${linkId}`;
}

/**
 * The campaign's result matrix: profiles down, links across, means in each cell, and the pre-copy
 * model's prediction beside each mean.
 */
export function ResultMatrixTable({
  matrix,
  predictions = {},
  linkScale = 1,
}: {
  matrix: ResultMatrix;
  predictions?: Record<string, CellPrediction>;
  /** The testbed's emulation scale; shown beside each link so scaled figures are not read as line rate. */
  linkScale?: number;
}) {
  const linkName = new Map(matrix.links.map((l) => [l.id, l.name]));
  return (
    <div>
      <TableScroll className="bg-white">
        <table aria-label="Result matrix" className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">
                VM profile
              </th>
              <th scope="col" className="px-3 py-2">
                Workload
              </th>
              {matrix.links.map((l) => (
                <th scope="col" key={l.id} className="px-3 py-2 text-right normal-case">
                  <span className="block text-slate-700">{l.name}</span>
                  <span className="font-normal">usable {formatGbps(l.usableRateGbps)}</span>
                  {linkScale !== 1 ? (
                    <span className="block font-normal text-amber-700">
                      emulated at {formatGbps(l.usableRateGbps * linkScale)} (×{linkScale})
                    </span>
                  ) : null}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right">
                Speed-up
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {matrix.rows.map((row) => {
              const untold = untoldLinks(row);
              return (
                <tr key={`${row.profileId}|${row.settingsKey}|${row.sweepValue ?? ""}`}>
                  <th scope="row" className="px-3 py-3 text-left font-medium">
                    {row.label}
                    <span className="block text-xs font-normal text-slate-500">
                      {row.vmCount} × {formatMemory(row.memoryBytes)}
                    </span>
                  </th>
                  <td className="px-3 py-3">{row.workload}</td>
                  {matrix.links.map((l) => {
                    const cell = row.cells[l.id];
                    const predicted = predictions[cellKey(row, l.id)];
                    const leak = cell ? rateLeakShare(cell.meanThroughputGbps, l.usableRateGbps * linkScale) : null;
                    if (!cell)
                      return (
                        <td key={l.id} className="px-3 py-3 text-right text-slate-500">
                          not run
                        </td>
                      );
                    return (
                      <td key={l.id} className="num px-3 py-3 text-right align-top">
                        <span className="block font-semibold">
                          {formatDurationMs(cell.meanDurationMs)}
                          <Spread cell={cell} metric="meanDurationMs" format={formatDurationMs} />
                        </span>
                        <span className="block">
                          {formatGbps(cell.meanThroughputGbps)}
                          <Spread cell={cell} metric="meanThroughputGbps" format={formatGbps} />
                        </span>
                        {leak ? (
                          <span
                            className="block text-xs font-medium text-amber-800"
                            title={rateLeakText(leak, linkScale !== 1)}
                          >
                            {Math.round(leak * 100)}% of the link:{" "}
                            {linkScale !== 1 ? "emulation leak" : "check its rates"}
                          </span>
                        ) : null}
                        <span className="block">
                          {formatBytes(cell.meanTransferredBytes)}
                          <Spread cell={cell} metric="meanTransferredBytes" format={formatBytes} />{" "}
                          <span className="text-slate-500">({formatGigabits(cell.meanTransferredBytes)})</span>
                        </span>
                        <span className="block text-slate-600">
                          {cell.meanDowntimeMs === null && cell.n > 0 ? (
                            "downtime not reported"
                          ) : (
                            <>
                              downtime {formatDurationMs(cell.meanDowntimeMs)}
                              <Spread cell={cell} metric="meanDowntimeMs" format={formatDurationMs} />
                            </>
                          )}
                        </span>
                        {cell.meanWireBytes !== null ? (
                          <span className="block text-slate-600" title="Counted by the link's own interfaces">
                            on the wire {formatBytes(cell.meanWireBytes)}
                          </span>
                        ) : null}
                        {cell.overLimit ? (
                          <span
                            role="note"
                            className="block text-xs font-medium text-amber-800"
                            title="The hypervisor paused the guest longer than the downtime limit the run asked for"
                          >
                            {cell.overLimit} of {cell.n} over the downtime limit
                          </span>
                        ) : null}
                        {cell.offLink ? (
                          <span
                            role="note"
                            className="block text-xs font-medium text-red-700"
                            title={offLinkText(l.name)}
                          >
                            {cell.offLink} run{cell.offLink === 1 ? "" : "s"} did not use this link
                          </span>
                        ) : null}
                        {cell.meanGuestPauseMs !== null ? (
                          <span
                            className="block text-slate-600"
                            title="From the guest's last heartbeat on the source to its first on the destination"
                          >
                            guest paused {formatDurationMs(cell.meanGuestPauseMs)}
                          </span>
                        ) : null}
                        <span className="block text-xs text-slate-500">
                          n = {cell.n}
                          {cell.n === 1 ? " · no interval" : ""}
                          {cell.failed ? <span className="text-red-600"> · {cell.failed} failed</span> : null}
                        </span>
                        {untold.has(l.id) ? (
                          <span
                            role="note"
                            className="mt-0.5 block text-xs font-medium text-amber-800"
                            title="Welch's t-test on the migration times of the two links: p ≥ 0.05. More iterations may tell them apart."
                          >
                            time not told apart from {linkName.get(untold.get(l.id)!.other)} (p ={" "}
                            {untold.get(l.id)!.p.toFixed(2)})
                          </span>
                        ) : null}
                        {predicted ? (
                          <span
                            className="mt-1 block text-xs text-violet-700"
                            title="Pre-copy model prediction for this link and profile"
                          >
                            model:{" "}
                            {predicted.converges
                              ? `${formatDurationMs(predicted.durationMs)}, ${formatBytes(predicted.transferredBytes)}, ${formatDurationMs(predicted.downtimeMs)} down`
                              : "does not converge"}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                  <td className="num px-3 py-3 text-right align-top">
                    {row.speedup ? (
                      <>
                        <span className="block font-semibold">{formatRatio(row.speedup.factor)}</span>
                        <span className="block text-xs text-slate-500">
                          {linkName.get(row.speedup.fasterLinkId)} faster
                        </span>
                      </>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p className="mt-2 text-xs text-slate-500">
        Each cell: mean migration time, mean throughput, mean data transferred (SI gigabytes and gigabits), mean
        downtime (the pause the hypervisor reports), each with ± half its 95% interval (from n ≥ 2 succeeded runs), and
        n succeeded runs; &ldquo;not told apart&rdquo;: Welch&apos;s t-test (as on Compare) finds no significant
        difference (p ≥ 0.05) between this link&apos;s migration times and another&apos;s, so these runs cannot say
        which is faster. Amber: a mean throughput more than 5% above the link&apos;s rate — on an emulated link, the
        emulation leaked (QEMU&apos;s max-bandwidth does not throttle the final stop-and-copy). Speed-up = mean time of
        the slowest link ÷ mean time of the fastest. <span className="text-violet-700">model:</span> the calibrated
        pre-copy model&apos;s prediction for the cell.
      </p>
    </div>
  );
}

/** " ± 0.12 s": half the 95% interval of a cell's mean, where two or more runs measured it. */
function Spread({
  cell,
  metric,
  format,
}: {
  cell: MatrixCell;
  metric: keyof NonNullable<MatrixCell["spread"]>;
  format: (x: number) => string;
}) {
  const half = cell.spread?.[metric]?.half;
  return half === undefined ? null : (
    <span className="font-normal text-slate-500" title="Half the width of the 95% interval of the mean">
      {" "}
      ± {format(half)}
    </span>
  );
}
