/**
 * The one registry of a run's result metrics. Every list of metrics in the app — what /compare offers,
 * the campaign page's charts, a sweep's charts, the series, the export and import columns, the columns
 * compared and selected in the database — derives from this table: a new metric is one entry here, one
 * migration (its Run column, named as its key) and the adapter that measures it.
 */

/** How a metric's numbers are drawn and formatted (lib/format/chart-units.ts). */
export type MetricUnit = "durationMs" | "downtimeMs" | "pauseMs" | "gbps" | "bytes";
/** How a column of an imported table is read (lib/import/mapping.ts). */
export type MetricImportKind = "time" | "rate" | "data";

export type MetricDefinition = {
  /** What people call it. */
  label: string;
  unit: MetricUnit;
  direction: "lower-is-better" | "higher-is-better";
  /** What a better value means, in words ("faster"). */
  better: string;
  /** Words for a larger and a smaller value ("longer", "shorter"), in verdict sentences. */
  change: { up: string; down: string };
  /** The campaign page's chart of it (the result matrix's mean per cell). */
  chart: { description: string };
  /** Only some adapters measure it: no chart or sweep curve where no run did. */
  measuredOnly: boolean;
  /** A sweep draws it against the swept variable; `modelled`: the pre-copy model predicts it too. */
  sweep: { modelled: boolean } | null;
  /** Imported from another table's columns: how its values are read, and whether a row needs it. */
  import: { kind: MetricImportKind; required: boolean };
};

export const METRIC_REGISTRY = {
  durationMs: {
    label: "Migration time",
    unit: "durationMs",
    direction: "lower-is-better",
    better: "faster",
    change: { up: "longer", down: "shorter" },
    chart: { description: "Mean time per VM profile; shorter is better." },
    measuredOnly: false,
    sweep: { modelled: true },
    import: { kind: "time", required: true },
  },
  throughputGbps: {
    label: "Throughput",
    unit: "gbps",
    direction: "higher-is-better",
    better: "higher throughput",
    change: { up: "higher", down: "lower" },
    chart: { description: "Mean migration throughput per VM profile." },
    measuredOnly: false,
    sweep: null,
    import: { kind: "rate", required: false },
  },
  transferredBytes: {
    label: "Data transferred",
    unit: "bytes",
    direction: "lower-is-better",
    better: "sends less data",
    change: { up: "more", down: "less" },
    chart: { description: "Bytes sent over the wire, including re-sent dirty pages." },
    measuredOnly: false,
    sweep: { modelled: true },
    import: { kind: "data", required: false },
  },
  downtimeMs: {
    label: "Downtime",
    unit: "downtimeMs",
    direction: "lower-is-better",
    better: "shorter downtime",
    change: { up: "longer", down: "shorter" },
    chart: { description: "Mean pause the hypervisor reports for the switchover; shorter is better." },
    measuredOnly: false,
    sweep: { modelled: true },
    import: { kind: "time", required: false },
  },
  guestPauseMs: {
    label: "Guest-observed pause",
    unit: "pauseMs",
    direction: "lower-is-better",
    better: "shorter pause",
    change: { up: "longer", down: "shorter" },
    chart: {
      description:
        "Mean time from the guest's last heartbeat on the source to its first on the destination: what an application in the VM felt.",
    },
    // Only adapters that read the guest's heartbeat measure it (QEMU, libvirt); the model predicts the
    // hypervisor's downtime, not the guest's heartbeat gap.
    measuredOnly: true,
    sweep: { modelled: false },
    import: { kind: "time", required: false },
  },
  wireBytes: {
    label: "Bytes on the wire",
    unit: "bytes",
    direction: "lower-is-better",
    better: "sends less over the link",
    change: { up: "more", down: "less" },
    chart: {
      description:
        "Mean bytes the link's interfaces counted during each run, where the worker reads them: proof the runs crossed their own link.",
    },
    // Only where the worker reads the link's interface counters (QEMU's shaped paths, libvirt labs on this machine).
    measuredOnly: true,
    sweep: null,
    import: { kind: "data", required: false },
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRIC_REGISTRY;

/** Every metric, in the registry's order (the order menus, charts and exports show them in). */
export const METRIC_KEYS = Object.keys(METRIC_REGISTRY) as MetricKey[];

/** The result matrix's field for a metric's mean: durationMs → meanDurationMs. */
export type MeanKey<K extends MetricKey = MetricKey> = `mean${Capitalize<K>}`;
export function meanKey<K extends MetricKey>(metric: K): MeanKey<K> {
  return `mean${metric.charAt(0).toUpperCase()}${metric.slice(1)}` as MeanKey<K>;
}

/** A `{ metric: true }` select of every metric column (Prisma). */
export const METRIC_COLUMN_SELECT = Object.fromEntries(METRIC_KEYS.map((k) => [k, true])) as Record<MetricKey, true>;
