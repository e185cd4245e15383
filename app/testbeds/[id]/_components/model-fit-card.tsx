import { listLinksWithMeasuredRuns } from "@/lib/db/links";
import { fitTestbedLinks } from "@/lib/model/fit-testbed";
import { formatDurationMs } from "@/lib/format/units";
import { Card } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-button";
import { applyModelFitAction } from "../../actions";

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
      <div className="overflow-x-auto">
        <table aria-label="Model fit" className="min-w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-3 py-2">Link</th>
              <th className="px-3 py-2 text-right">Measured runs</th>
              <th className="px-3 py-2 text-right">Model now</th>
              <th className="px-3 py-2 text-right">Error now</th>
              <th className="px-3 py-2 text-right">Fitted</th>
              <th className="px-3 py-2 text-right">Error fitted</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {fits.map(({ link, fit }) => (
              <tr key={link.id}>
                <td className="px-3 py-2">{link.name}</td>
                <td className="num px-3 py-2 text-right">{fit.n}</td>
                <td className="num px-3 py-2 text-right">
                  {percent(link.modelEfficiency)} efficiency, {formatDurationMs(link.modelSetupMs)} setup
                </td>
                <td className="num px-3 py-2 text-right">{percent(fit.errorBefore)}</td>
                <td className="num px-3 py-2 text-right">
                  {percent(fit.efficiency)} efficiency, {formatDurationMs(fit.setupMs)} setup
                </td>
                <td className="num px-3 py-2 text-right">{percent(fit.errorAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Error: mean absolute difference between the model&apos;s time and the measured time, relative to the measured
        time.
      </p>
    </Card>
  );
}
