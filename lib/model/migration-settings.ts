/**
 * How a migration is run, beside what is migrated (the VM profile) and over what (the link): the
 * strategy and the hypervisor's migration parameters. A campaign runs one or more of these *settings
 * variants*; a run stores the one it ran with. Pure values, no I/O; the bounded input schema is
 * lib/schemas/migration-settings.ts.
 */
import { formatMemory } from "@/lib/format/units";

/**
 * precopy: QEMU's default. auto-converge: pre-copy, throttling the guest's vCPUs when it dirties
 * memory faster than the link carries it. postcopy: switch to post-copy after the first pre-copy pass;
 * postcopy-after-rounds: after N pre-copy rounds (a pre-copy that converges first just finishes).
 */
export const STRATEGIES = ["precopy", "auto-converge", "postcopy", "postcopy-after-rounds"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const STRATEGY_LABELS: Record<Strategy, string> = {
  precopy: "Pre-copy",
  "auto-converge": "Auto-converge",
  postcopy: "Post-copy",
  "postcopy-after-rounds": "Post-copy after N rounds",
};

/** The adapter capabilities a settings variant may need (lib/hypervisors/types.ts). */
export const CAPABILITIES = [
  "auto-converge",
  "postcopy",
  "multifd",
  "xbzrle",
  "downtime-limit",
  "max-bandwidth",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const CAPABILITY_LABELS: Record<Capability, string> = {
  "auto-converge": "auto-converge",
  postcopy: "post-copy",
  multifd: "multifd channels",
  xbzrle: "XBZRLE compression",
  "downtime-limit": "a downtime limit",
  "max-bandwidth": "a bandwidth cap",
};

/** QEMU's defaults for auto-converge's throttle (cpu-throttle-initial, cpu-throttle-increment). */
export const DEFAULT_THROTTLE = { initialPct: 20, incrementPct: 10 } as const;

export type MigrationSettings = {
  strategy: Strategy;
  /** postcopy-after-rounds: pre-copy rounds before the switch (postcopy: 1). */
  postcopyAfterRounds: number | null;
  /** auto-converge: the first throttle and its rise per round that does not converge (% of vCPU time). */
  throttleInitialPct: number;
  throttleIncrementPct: number;
  /** Parallel migration streams; 1 = one stream (multifd off). */
  multifdChannels: number;
  /** XBZRLE page cache; null = off. */
  xbzrleCacheBytes: number | null;
  /** The longest pause the hypervisor may take for the stop-and-copy; null = its default. */
  downtimeLimitMs: number | null;
  /** Migration bandwidth cap as a share of the link's usable rate; null = uncapped. */
  bandwidthScale: number | null;
};

export const DEFAULT_SETTINGS: MigrationSettings = {
  strategy: "precopy",
  postcopyAfterRounds: null,
  throttleInitialPct: DEFAULT_THROTTLE.initialPct,
  throttleIncrementPct: DEFAULT_THROTTLE.incrementPct,
  multifdChannels: 1,
  xbzrleCacheBytes: null,
  downtimeLimitMs: null,
  bandwidthScale: null,
};

/** The pre-copy rounds before a post-copy switch; null when the strategy does not switch. */
export function postcopySwitchRound(s: MigrationSettings): number | null {
  if (s.strategy === "postcopy") return 1;
  if (s.strategy === "postcopy-after-rounds") return s.postcopyAfterRounds ?? 1;
  return null;
}

/** What a variant needs of the adapter. */
export function capabilitiesNeeded(s: MigrationSettings): Capability[] {
  const needed: Capability[] = [];
  if (s.strategy === "auto-converge") needed.push("auto-converge");
  if (postcopySwitchRound(s) !== null) needed.push("postcopy");
  if (s.multifdChannels > 1) needed.push("multifd");
  if (s.xbzrleCacheBytes !== null) needed.push("xbzrle");
  if (s.downtimeLimitMs !== null) needed.push("downtime-limit");
  if (s.bandwidthScale !== null) needed.push("max-bandwidth");
  return needed;
}

/** The parts of a variant that differ from the defaults, in a fixed order, in words. */
function parts(s: MigrationSettings): string[] {
  const out: string[] = [];
  if (s.strategy === "auto-converge") {
    const custom =
      s.throttleInitialPct !== DEFAULT_THROTTLE.initialPct || s.throttleIncrementPct !== DEFAULT_THROTTLE.incrementPct;
    out.push(custom ? `auto-converge ${s.throttleInitialPct}+${s.throttleIncrementPct}%` : "auto-converge");
  } else if (s.strategy !== "precopy") {
    const n = postcopySwitchRound(s)!;
    out.push(n === 1 ? "post-copy" : `post-copy after ${n} rounds`);
  }
  if (s.multifdChannels > 1) out.push(`multifd ×${s.multifdChannels}`);
  if (s.xbzrleCacheBytes !== null) out.push(`XBZRLE ${formatMemory(s.xbzrleCacheBytes)}`);
  if (s.downtimeLimitMs !== null) out.push(`downtime ≤ ${+s.downtimeLimitMs.toFixed(1)} ms`);
  if (s.bandwidthScale !== null) out.push(`bandwidth ${+(s.bandwidthScale * 100).toFixed(1)}%`);
  return out;
}

/**
 * The variant's identity: equal settings give equal keys, and the defaults give "" — so runs from
 * before settings existed, imported ones and default ones are one series. Stored on every run.
 */
export function settingsKey(s: MigrationSettings): string {
  return parts(s).join(" · ");
}

/** The variant in words, for tables, legends and group labels: "Pre-copy" for the defaults. */
export function settingsLabel(s: MigrationSettings): string {
  return settingsKey(s) || "Pre-copy";
}

/**
 * A variant as the model should play it on a testbed: its own downtime limit, else the testbed's (null: the
 * model's default). The key and label stay the variant's.
 */
export function withTestbedDowntimeLimit(s: MigrationSettings, testbedLimitMs: number | null): MigrationSettings {
  return s.downtimeLimitMs === null && testbedLimitMs !== null ? { ...s, downtimeLimitMs: testbedLimitMs } : s;
}

/** The label of a stored settings key. */
export function labelOfSettingsKey(key: string): string {
  return key || "Pre-copy";
}

/** A stored run's settings (its settingsJson), tolerant of older or partial JSON. */
export function settingsFromJson(json: string | null | undefined): MigrationSettings {
  try {
    const parsed = JSON.parse(json ?? "{}") as Partial<MigrationSettings>;
    const s = { ...DEFAULT_SETTINGS, ...(parsed && typeof parsed === "object" ? parsed : {}) };
    return (STRATEGIES as readonly string[]).includes(s.strategy) ? s : { ...s, strategy: "precopy" };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/**
 * What a campaign may sweep, with the unit its values are shown in: values are stored in base units
 * (bytes/s, share of the link, ms, bytes, VMs) and shown as value ÷ perDisplayUnit. `range` is where a
 * sweep starts in the launch form (display units): round values in 7 steps, across the region where the
 * whitepaper's links go from converging to not (dirty rate) or where the setting visibly matters.
 */
export const SWEEP_VARIABLES = {
  dirtyRate: { label: "Dirty rate", unit: "MB/s", perDisplayUnit: 1e6, range: [0, 1200] },
  bandwidth: { label: "Bandwidth cap", unit: "% of the link", perDisplayUnit: 0.01, range: [10, 100] },
  downtimeLimit: { label: "Downtime limit", unit: "ms", perDisplayUnit: 1, range: [50, 350] },
  memory: { label: "Memory per VM", unit: "GiB", perDisplayUnit: 2 ** 30, range: [2, 14] },
  vmCount: { label: "VMs migrated together", unit: "VMs", perDisplayUnit: 1, range: [1, 7] },
} as const;
export type SweepVariable = keyof typeof SWEEP_VARIABLES;
export const SWEEP_VARIABLE_NAMES = Object.keys(SWEEP_VARIABLES) as SweepVariable[];

export type Sweep = { variable: SweepVariable; values: number[] };

type SweptProfile = {
  memoryBytes: number;
  vmCount: number;
  workload: string;
  dirtyRateBytesPerSec: number | null;
  workingSetBytes: number | null;
};

/**
 * A run's profile and settings at one value of the swept variable. A dirty-rate sweep makes the guest
 * dirty memory continuously at that rate; a memory sweep keeps the working set within the memory.
 */
export function applySweep<P extends SweptProfile>(
  profile: P,
  settings: MigrationSettings,
  variable: string | null,
  value: number | null,
): { profile: P; settings: MigrationSettings } {
  if (variable === null || value === null) return { profile, settings };
  switch (variable as SweepVariable) {
    case "dirtyRate":
      // A guest dirtying nothing is one that wrote its memory once: the honest zero of a dirty-rate sweep.
      return value > 0
        ? { profile: { ...profile, workload: "continuous", dirtyRateBytesPerSec: value }, settings }
        : { profile: { ...profile, workload: "once", dirtyRateBytesPerSec: null }, settings };
    case "memory":
      return {
        profile: {
          ...profile,
          memoryBytes: value,
          workingSetBytes: profile.workingSetBytes === null ? null : Math.min(profile.workingSetBytes, value),
        },
        settings,
      };
    case "vmCount":
      return { profile: { ...profile, vmCount: Math.round(value) }, settings };
    case "bandwidth":
      return { profile, settings: { ...settings, bandwidthScale: value } };
    case "downtimeLimit":
      return { profile, settings: { ...settings, downtimeLimitMs: value } };
    default:
      return { profile, settings };
  }
}

/**
 * The workloads a profile's runs play under a sweep's values, as the runner applies them (applySweep):
 * a dirty-rate sweep replaces the profile's own workload — written once at 0, dirtied continuously above.
 */
export function sweptWorkloads(
  profile: SweptProfile,
  variable: string | null,
  values: readonly (number | null)[],
): string[] {
  const played = (values.length ? values : [null]).map(
    (v) => applySweep(profile, DEFAULT_SETTINGS, variable, v).profile.workload,
  );
  return [...new Set(played)];
}

/**
 * The first strategy (in STRATEGIES order) no variant uses yet and the testbed applies; null when every
 * one it applies is taken. A new variant starts there, so it never repeats one already in the campaign.
 */
export function unusedStrategy(
  used: readonly Strategy[],
  applies: (s: Strategy) => boolean = () => true,
): Strategy | null {
  return STRATEGIES.find((s) => !used.includes(s) && applies(s)) ?? null;
}

/** A swept value in its display unit, e.g. "60 MB/s". */
export function formatSweepValue(variable: string, value: number): string {
  const v = SWEEP_VARIABLES[variable as SweepVariable];
  if (!v) return String(value);
  const shown = +(value / v.perDisplayUnit).toPrecision(4);
  return v.unit.startsWith("%") ? `${shown}${v.unit}` : `${shown} ${v.unit}`;
}

/** A campaign's or schedule's stored variants (variantsJson); [] or anything unreadable is the defaults alone. */
export function variantsFromJson(json: string | null | undefined): MigrationSettings[] {
  try {
    const parsed = JSON.parse(json ?? "[]") as unknown;
    if (Array.isArray(parsed) && parsed.length) return parsed.map((v) => settingsFromJson(JSON.stringify(v)));
  } catch {
    /* the defaults */
  }
  return [DEFAULT_SETTINGS];
}

/** A stored sweep (sweepJson); null when none or unreadable. */
export function sweepFromJson(json: string | null | undefined): Sweep | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as Partial<Sweep>;
    return typeof parsed.variable === "string" && parsed.variable in SWEEP_VARIABLES && Array.isArray(parsed.values)
      ? { variable: parsed.variable, values: parsed.values.filter((v) => typeof v === "number") }
      : null;
  } catch {
    return null;
  }
}

/** The stored columns of a run with these settings (lib/db: Run.settingsKey … Run.bandwidthScale). */
export function settingsColumns(s: MigrationSettings) {
  return {
    settingsKey: settingsKey(s),
    settingsJson: JSON.stringify(s),
    strategy: s.strategy,
    multifdChannels: s.multifdChannels,
    xbzrleCacheBytes: s.xbzrleCacheBytes,
    downtimeLimitMs: s.downtimeLimitMs,
    bandwidthScale: s.bandwidthScale,
  };
}
