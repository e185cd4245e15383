import { median, mean } from "simple-statistics";
import { usableRateGbps } from "@/lib/model/rates";
import { applySweep, settingsFromJson, settingsLabel, withTestbedDowntimeLimit } from "./migration-settings";
import { fitLinkModel, meanError, type FitRun, type LinkFit } from "./fit";
import { hostParametersOf, NO_TESTBED_MODEL, predictRun, type LinkWithModel } from "./predict";

type StoredRun = {
  id?: number;
  transferredBytes: number | null;
  durationMs: number | null;
  downtimeMs?: number | null;
  /** The dirty rate the run observed its guest at (bytes/s); null or absent: not measured. */
  dirtyRateBytesPerSec?: number | null;
  /** The run's settings variant as stored; absent: the defaults. */
  settingsJson?: string;
  /** How the run's link was shaped (QEMU: "tc" or "max-bandwidth"); null or absent: not told (other adapters). */
  shaping?: string | null;
  /** The run's VM profile and swept variable (a dirty-rate sweep makes the guest dirty). */
  profile?: {
    workload: string;
    memoryBytes?: number | bigint;
    vmCount?: number;
    dirtyRateBytesPerSec?: number | null;
    workingSetBytes?: number | bigint | null;
  };
  sweepVariable?: string | null;
  sweepValue?: number | null;
};

type LinkRuns = LinkWithModel & { id: number; name: string; runs: StoredRun[] };

/** What the testbed's hosts cost a stream, pooled over every link's comparable runs (null: kept, see `current`). */
export type HostFit = {
  dirtyingFactor: number | null;
  /** Dirtying runs the factor was fitted on (0: kept). */
  dirtyingRuns: number;
  wireOverhead: number | null;
  /** Guests written once the overhead was fitted on (0: kept). */
  wireOverheadRuns: number;
  switchoverMs: number | null;
  /** Runs with a reported downtime the switchover was fitted on (0: kept). */
  switchoverRuns: number;
  /** The share of the asked dirty rate the guests achieved (median of observed ÷ asked). */
  dirtyRateFidelity: number | null;
  dirtyRateFidelityRuns: number;
};

/** Runs the fit left out, by link and reason. */
export type LeftOut = { link: string; reason: string; runs: number };

export type TestbedFit = {
  /** The testbed's host parameters as fitted (each with its run count) and as they are now (a link's own override them). */
  host: HostFit;
  /** Per link with comparable runs: its efficiency and setup (with the host parameters the fit pooled). */
  links: { link: LinkRuns; fit: LinkFit }[];
  /** Links without comparable runs: they keep their efficiency and inherit the host parameters. */
  untested: { id: number; name: string }[];
  leftOut: LeftOut[];
  /** The comparable runs the fit used, as they ran: what the fitted model's residuals are measured on. */
  samples: FitSample[];
};

/** A run the fit used: its link, its guest and settings as it ran, and what it measured. */
export type FitSample = {
  /** The stored run (what a cross-validation leaves out). */
  run: StoredRun;
  linkId: number;
  profile: Ran["profile"];
  settings: Ran["settings"];
  durationMs: number;
  transferredBytes: number;
  downtimeMs: number | null;
};

/** A run's guest and settings as it ran (after its sweep: a dirty-rate sweep makes it dirty, a memory sweep resizes it). */
function asRan(run: StoredRun, testbedDowntimeLimitMs: number | null) {
  if (!run.profile) return null;
  return applySweep(
    {
      workload: run.profile.workload,
      memoryBytes: Number(run.profile.memoryBytes ?? 0),
      vmCount: run.profile.vmCount ?? 1,
      dirtyRateBytesPerSec: run.profile.dirtyRateBytesPerSec ?? null,
      workingSetBytes: run.profile.workingSetBytes == null ? null : Number(run.profile.workingSetBytes),
    },
    withTestbedDowntimeLimit(settingsFromJson(run.settingsJson), testbedDowntimeLimitMs),
    run.sweepVariable ?? null,
    run.sweepValue ?? null,
  );
}

type Ran = NonNullable<ReturnType<typeof asRan>>;

/** The memory a guest written once migrated (all its VMs), or undefined for any other guest. */
function writtenOnce(guest: Ran["profile"] | undefined): number | undefined {
  return guest?.workload === "once" && guest.memoryBytes > 0 ? guest.memoryBytes * guest.vmCount : undefined;
}

/** The newest measured runs per link a fit reads (an older history adds little but time). */
export const MAX_FIT_RUNS_PER_LINK = 200;

/** Dirtying runs with an observed rate the guest's share of the asked rate is fitted from, at least. */
const MIN_FIDELITY_RUNS = 3;

const SHAPING_WORDS: Record<string, string> = {
  tc: "shaped with tc",
  "max-bandwidth": "shaped with QEMU's max-bandwidth on loopback",
};

/**
 * Why a run is not comparable with plain pre-copy over the shaping the fit uses, or null when it is. The base
 * parameters come from plain pre-copy only: a strategy changes what is sent and how fast, so its runs measure
 * the strategy's effect, not the link's.
 */
function leftOutBecause(run: StoredRun, ran: Ran | null, shaping: string | null): string | null {
  if (!ran) return "its VM profile is unknown";
  const s = ran.settings;
  if (s.bandwidthScale !== null) return "a bandwidth cap (the stream is held below the link)";
  if (s.strategy !== "precopy" || s.multifdChannels > 1 || s.xbzrleCacheBytes !== null)
    return `${settingsLabel(s)}: a strategy's runs measure its effect, not the link`;
  if (shaping && run.shaping && run.shaping !== shaping)
    return `${SHAPING_WORDS[run.shaping] ?? run.shaping}; the fit uses the runs ${SHAPING_WORDS[shaping] ?? shaping}`;
  return null;
}

/** The shaping most runs used, tc first where any did (it also paces the stop-and-copy, as a real link does). */
function fittedShaping(runs: StoredRun[]): string | null {
  const counts = new Map<string, number>();
  for (const r of runs) if (r.shaping) counts.set(r.shaping, (counts.get(r.shaping) ?? 0) + 1);
  if (counts.has("tc")) return "tc";
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Fits a testbed's model to its measured runs, at its link scale: per link the efficiency and setup time (from
 * runs whose guest dirtied nothing), and per testbed what its hosts cost a stream — a dirtying guest's stream
 * rate against an idle one's, the wire overhead (guests written once) and the switchover time (measured downtime
 * less the model's) — pooled over every link, so a link with no runs of its own inherits them. Only comparable
 * runs count: plain pre-copy, uncapped, over one shaping mode; the rest are listed with why.
 * `testbedDowntimeLimitMs` is the limit runs without their own migrated under (lib/hypervisors/downtime-limit.ts).
 */
export function fitTestbed(
  links: LinkRuns[],
  linkScale: number,
  testbedDowntimeLimitMs: number | null = null,
): TestbedFit {
  const shaping = fittedShaping(links.flatMap((l) => l.runs));
  const leftOut = new Map<string, LeftOut>();
  const samples: FitSample[] = [];
  const fidelities: number[] = [];
  const prepared = links.map((link) => {
    const host = hostParametersOf(link);
    // The model's pause without a fixed part: what the switchover time is the measured excess over.
    const bare = { ...link, modelSwitchoverMs: 0, testbed: null };
    const runs: FitRun[] = [];
    for (const r of link.runs) {
      if (!(r.transferredBytes && r.transferredBytes > 0 && r.durationMs && r.durationMs > 0)) continue;
      const ran = asRan(r, testbedDowntimeLimitMs);
      const why = leftOutBecause(r, ran, shaping);
      if (why) {
        const key = `${link.id}\u0000${why}`;
        const entry = leftOut.get(key) ?? { link: link.name, reason: why, runs: 0 };
        entry.runs++;
        leftOut.set(key, entry);
        continue;
      }
      const asked = ran?.profile.workload === "continuous" ? (ran.profile.dirtyRateBytesPerSec ?? 0) : 0;
      if (asked > 0 && r.dirtyRateBytesPerSec && r.dirtyRateBytesPerSec > 0)
        fidelities.push(r.dirtyRateBytesPerSec / asked);
      if (ran)
        samples.push({
          run: r,
          linkId: link.id,
          profile: ran.profile,
          settings: ran.settings,
          durationMs: r.durationMs,
          transferredBytes: r.transferredBytes,
          downtimeMs: r.downtimeMs ?? null,
        });
      const model =
        ran && r.downtimeMs != null
          ? predictRun({ ...bare, ...withHost(host) }, ran.profile, linkScale, ran.settings)
          : null;
      runs.push({
        transferredBytes: r.transferredBytes,
        durationMs: r.durationMs,
        dirtying: ran?.profile.workload === "continuous",
        writtenOnceBytes: writtenOnce(ran?.profile),
        downtimeMs: r.downtimeMs ?? null,
        modelDowntimeMs: model?.converges ? model.downtimeMs : null,
      });
    }
    const current = {
      efficiency: link.modelEfficiency,
      setupMs: link.modelSetupMs,
      dirtyingFactor: host.modelDirtyingRateFactor,
      wireOverhead: host.modelWireOverhead,
      switchoverMs: host.modelSwitchoverMs,
    };
    return { link, runs, rateGbps: usableRateGbps(link) * linkScale, current };
  });

  // Pass 1: each link's idle stream (efficiency, setup) from its own runs.
  const first = prepared.map((p) => ({ ...p, fit: fitLinkModel(p.runs, p.rateGbps, p.current) }));
  // What dirtying guests achieved against their link's idle stream, over every link that has both kinds.
  const ratios = first.flatMap(({ runs, fit, rateGbps }) => {
    if (!fit || !runs.some((r) => !r.dirtying)) return [];
    const idleGbps = rateGbps * fit.efficiency;
    return runs
      .filter((r) => r.dirtying)
      .map((r) => (r.transferredBytes * 8) / ((Math.max(1, r.durationMs - fit.setupMs) / 1000) * 1e9) / idleGbps);
  });
  const overheads = first.flatMap(({ runs }) =>
    runs.filter((r) => r.writtenOnceBytes).map((r) => r.transferredBytes / r.writtenOnceBytes!),
  );
  const residuals = first.flatMap(({ runs }) =>
    runs
      .filter((r) => r.downtimeMs != null && r.modelDowntimeMs != null)
      .map((r) => r.downtimeMs! - r.modelDowntimeMs!),
  );
  const anyCurrent = prepared[0]?.current;
  const host: HostFit = {
    dirtyingFactor: ratios.length ? clamp(mean(ratios), 0.2, 1) : (anyCurrent?.dirtyingFactor ?? null),
    dirtyingRuns: ratios.length,
    wireOverhead: overheads.length ? clamp(median(overheads), 1, 1.5) : (anyCurrent?.wireOverhead ?? null),
    wireOverheadRuns: overheads.length,
    switchoverMs: residuals.length
      ? Math.round(clamp(median(residuals), 0, 10_000) * 10) / 10
      : (anyCurrent?.switchoverMs ?? null),
    switchoverRuns: residuals.length,
    // From three dirtying runs on: a TCG guest's pace swings with the machine's load (51% in one loaded run here).
    dirtyRateFidelity:
      fidelities.length >= MIN_FIDELITY_RUNS
        ? Math.round(clamp(median(fidelities), 0.5, 1.2) * 1000) / 1000
        : links[0]
          ? (hostParametersOf(links[0]).modelDirtyRateFidelity ?? null)
          : null,
    dirtyRateFidelityRuns: fidelities.length >= MIN_FIDELITY_RUNS ? fidelities.length : 0,
  };

  // Pass 2: a link with only dirtying runs fits its idle stream through the testbed's factor; every link carries
  // the pooled host parameters, and its error after the fit is with them.
  const fitted = first.flatMap((p) => {
    const onlyHot = p.runs.length > 0 && p.runs.every((r) => r.dirtying);
    const fit = onlyHot
      ? fitLinkModel(p.runs, p.rateGbps, { ...p.current, dirtyingFactor: host.dirtyingFactor })
      : p.fit;
    if (!fit) return [];
    const after = { efficiency: fit.efficiency, setupMs: fit.setupMs, dirtyingFactor: host.dirtyingFactor };
    return [
      {
        link: p.link,
        fit: {
          ...fit,
          dirtyingFactor: host.dirtyingFactor,
          wireOverhead: host.wireOverhead,
          switchoverMs: host.switchoverMs,
          switchoverRuns: host.switchoverRuns,
          errorBefore: meanError(p.runs, p.rateGbps, p.current),
          errorAfter: meanError(p.runs, p.rateGbps, after),
        },
      },
    ];
  });
  const withFit = new Set(fitted.map((f) => f.link.id));
  return {
    host,
    links: fitted,
    untested: links.filter((l) => !withFit.has(l.id)).map((l) => ({ id: l.id, name: l.name })),
    leftOut: [...leftOut.values()],
    samples,
  };
}

/** A link's host parameters as its own columns (the model reads them so). */
function withHost(host: ReturnType<typeof hostParametersOf>) {
  return {
    modelDirtyingRateFactor: host.modelDirtyingRateFactor,
    modelStreamCeilingGbps: host.modelStreamCeilingGbps,
    modelWireOverhead: host.modelWireOverhead,
    testbed: { ...NO_TESTBED_MODEL, modelDirtyRateFidelity: host.modelDirtyRateFidelity },
  };
}

/** Every link of a testbed with comparable runs, and its fit (see fitTestbed). */
export function fitTestbedLinks(
  links: LinkRuns[],
  linkScale: number,
  testbedDowntimeLimitMs: number | null = null,
): { link: LinkRuns; fit: LinkFit }[] {
  return fitTestbed(links, linkScale, testbedDowntimeLimitMs).links;
}
