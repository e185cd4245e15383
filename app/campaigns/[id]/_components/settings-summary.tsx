import {
  formatSweepValue,
  settingsLabel,
  SWEEP_VARIABLES,
  type MigrationSettings,
  type Sweep,
} from "@/lib/model/migration-settings";

/**
 * What the campaign ran with: its settings variants and its sweep, when it has more than the defaults (its
 * Compare card puts the variants against each other).
 */
export function SettingsSummary({
  variants,
  sweep,
  hypervisor,
}: {
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
      {sweep ? (
        <p>
          <span className="font-medium">Sweeps {SWEEP_VARIABLES[sweep.variable].label.toLowerCase()}:</span>{" "}
          {sweep.values.map((v) => formatSweepValue(sweep.variable, v)).join(", ")}.
        </p>
      ) : null}
    </section>
  );
}
