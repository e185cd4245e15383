/**
 * How a migration is run, beside what is migrated (the VM profile) and over what (the link): the
 * strategy and the hypervisor's migration parameters. A campaign runs one or more of these *settings
 * variants*; a run stores the one it ran with. Pure values, no I/O; the bounded input schema is
 * lib/schemas/migration-settings.ts.
 */

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

const MIB = 2 ** 20;

function formatCache(bytes: number): string {
  return bytes >= 1024 * MIB && bytes % (1024 * MIB) === 0
    ? `${bytes / (1024 * MIB)} GiB`
    : `${+(bytes / MIB).toFixed(1)} MiB`;
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
  if (s.xbzrleCacheBytes !== null) out.push(`XBZRLE ${formatCache(s.xbzrleCacheBytes)}`);
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
