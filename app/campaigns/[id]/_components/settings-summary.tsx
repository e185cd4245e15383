import Link from "next/link";
import { compareQuery } from "@/lib/schemas/compare";
import {
  formatSweepValue,
  settingsLabel,
  SWEEP_VARIABLES,
  type MigrationSettings,
  type Sweep,
} from "@/lib/model/migration-settings";

/** What the campaign ran with: its settings variants and its sweep, when it has more than the defaults. */
export function SettingsSummary({
  campaignId,
  variants,
  sweep,
  hypervisor,
}: {
  campaignId: number;
  variants: MigrationSettings[];
  sweep: Sweep | null;
  hypervisor: string;
}) {
  const plain = variants.length === 1 && settingsLabel(variants[0]) === "Pre-copy";
  if (plain && !sweep) return null;
  return (
    <section aria-label="Migration settings" className="mb-4 max-w-4xl text-sm text-slate-700">
      <p>
        <span className="font-medium">Migration settings:</span>{" "}
        {variants.length > 1 ? `${variants.length} variants — ` : ""}
        {variants.map(settingsLabel).join("; ")}
        {hypervisor === "vsphere" ? " (vMotion chooses its own)" : ""}.
      </p>
      {variants.length > 1 ? (
        <p>
          <span className="font-medium">Compare variants:</span>{" "}
          {variants.slice(1).map((v, i) => {
            const side = [{ kind: "campaign" as const, ids: [campaignId] }];
            const query = compareQuery({
              b: side,
              c: side,
              bv: settingsLabel(variants[0]),
              cv: settingsLabel(v),
              metric: "durationMs",
              group: "workload-rate",
            });
            return (
              <span key={settingsLabel(v)}>
                {i ? " · " : ""}
                <Link href={`/compare?${query}`} className="text-sky-700 hover:underline">
                  {settingsLabel(v)} against {settingsLabel(variants[0])}
                </Link>
              </span>
            );
          })}
        </p>
      ) : null}
      {sweep ? (
        <p>
          <span className="font-medium">Sweeps {SWEEP_VARIABLES[sweep.variable].label.toLowerCase()}:</span>{" "}
          {sweep.values.map((v) => formatSweepValue(sweep.variable, v)).join(", ")}.
        </p>
      ) : null}
    </section>
  );
}
