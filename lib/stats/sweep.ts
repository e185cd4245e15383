/**
 * A sweep campaign's curves: each metric against the swept variable, per series (VM profile × link ×
 * settings variant) — the measured means with their 95% intervals, the model's curve computed densely
 * through the swept range, and where pre-copy stops converging (λ = 1). Pure functions.
 */
import { predictRun, type LinkWithModel } from "@/lib/model/predict";
import type { ModelProfile } from "@/lib/model/precopy";
import {
  applySweep,
  labelOfSettingsKey,
  SWEEP_VARIABLES,
  type MigrationSettings,
  type Sweep,
} from "@/lib/model/migration-settings";
import { median } from "simple-statistics";
import { summarize } from "./summary";
import { METRIC_KEYS, METRIC_REGISTRY, type MetricKey } from "@/lib/model/metrics";

type SweptKey = { [K in MetricKey]: (typeof METRIC_REGISTRY)[K]["sweep"] extends null ? never : K }[MetricKey];
type ModelledKey = {
  [K in MetricKey]: (typeof METRIC_REGISTRY)[K]["sweep"] extends { modelled: true } ? K : never;
}[MetricKey];

/** What a sweep draws against the swept variable (the registry's metrics with a sweep entry). */
export const SWEEP_METRICS = Object.fromEntries(
  METRIC_KEYS.filter((k) => METRIC_REGISTRY[k].sweep !== null).map((k) => [
    k,
    { title: METRIC_REGISTRY[k].label, unit: METRIC_REGISTRY[k].unit },
  ]),
) as { [K in SweptKey]: { title: (typeof METRIC_REGISTRY)[K]["label"]; unit: (typeof METRIC_REGISTRY)[K]["unit"] } };
export type SweepMetric = SweptKey;
/** The metrics the model predicts. */
export type ModelledSweepMetric = ModelledKey;
export const MODELLED_SWEEP_METRICS = METRIC_KEYS.filter((k) => {
  const sweep: { modelled: boolean } | null = METRIC_REGISTRY[k].sweep;
  return sweep?.modelled === true;
}) as ModelledSweepMetric[];

/** The metrics a sweep card shows: the modelled ones, and the measured-only ones where some run measured them. */
export function shownSweepMetrics(curves: SweepCurves): SweepMetric[] {
  const measured = (Object.keys(SWEEP_METRICS) as SweepMetric[]).filter(
    (m) => !(MODELLED_SWEEP_METRICS as SweepMetric[]).includes(m) && curves.series.some((s) => s.points[m].length > 0),
  );
  return [...MODELLED_SWEEP_METRICS, ...measured];
}

export type SweepRun = {
  profileId: number;
  linkId: number;
  settingsKey: string;
  sweepValue: number | null;
  status: string;
  durationMs: number | null;
  transferredBytes: number | null;
  downtimeMs: number | null;
  guestPauseMs?: number | null;
};

export type SweepPoint = {
  x: number;
  mean: number;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
  /** The model's value at this swept value (null where it does not converge). */
  model: number | null;
};
export type SweepSeries = {
  key: string;
  /** The series in full: its profile (when the campaign has several), link and variant (when several). */
  label: string;
  linkId: number;
  linkName: string;
  profileId: number;
  profileName: string;
  /** The settings variant in words; "" when the campaign has one. */
  variantLabel: string;
  /** Measured means per swept value (x in the variable's display unit), for each metric. */
  points: Record<SweepMetric, SweepPoint[]>;
  /** Swept values (display unit) whose runs all failed, with how many. */
  failedAt: { x: number; failed: number }[];
  /** The model through the range; a value is null where pre-copy does not converge. */
  model: { x: number; durationMs: number | null; transferredBytes: number | null; downtimeMs: number | null }[];
  /** Where λ = D / r crosses 1 (display unit); null when it does not within the range. */
  boundaryX: number | null;
  /** Where the model first stops converging (round or data limit), when that is not at λ = 1; else null. */
  givesUpX: number | null;
};

export type SweepCurves = { variable: string; axisLabel: string; unit: string; series: SweepSeries[] };

/** How many model points a curve has across the swept range. */
const DENSE = 120;

type Named<T> = T & { id: number; name: string };

export function sweepCurves({
  sweep,
  runs,
  links,
  profiles,
  variants,
  linkScale,
}: {
  sweep: Sweep;
  runs: SweepRun[];
  links: Named<LinkWithModel>[];
  profiles: Named<ModelProfile>[];
  /** The campaign's variants by settings key. */
  variants: Map<string, MigrationSettings>;
  linkScale: number;
}): SweepCurves {
  const v = SWEEP_VARIABLES[sweep.variable];
  const per = v.perDisplayUnit;
  const linkById = new Map(links.map((l) => [l.id, l]));
  const profileById = new Map(profiles.map((p) => [p.id, p]));
  const groups = new Map<string, SweepRun[]>();
  for (const run of runs) {
    if (run.sweepValue === null) continue;
    const key = `${run.profileId}|${run.linkId}|${run.settingsKey}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const severalProfiles = new Set(runs.map((r) => r.profileId)).size > 1;
  const severalVariants = new Set(runs.map((r) => r.settingsKey)).size > 1;
  const lo = Math.min(...sweep.values);
  const hi = Math.max(...sweep.values);

  const series = [...groups.entries()].flatMap(([key, list]) => {
    const link = linkById.get(list[0].linkId);
    const profile = profileById.get(list[0].profileId);
    const variant = variants.get(list[0].settingsKey);
    if (!link || !profile || !variant) return [];
    const byValue = new Map<number, SweepRun[]>();
    for (const r of list) byValue.set(r.sweepValue!, [...(byValue.get(r.sweepValue!) ?? []), r]);
    const values = [...byValue.keys()].sort((a, b) => a - b);
    const predict = (value: number) => {
      const at = applySweep(profile, variant, sweep.variable, value);
      return predictRun(link, at.profile, linkScale, at.settings);
    };
    const pointsOf = (metric: SweepMetric): SweepPoint[] =>
      values.flatMap((value) => {
        const ok = byValue.get(value)!.filter((r) => r.status === "succeeded");
        const s = summarize(ok.map((r) => r[metric] ?? null).filter((x): x is number => x !== null));
        const p = predict(value);
        const model = p.converges && metric !== "guestPauseMs" ? p[metric] : null;
        return s ? [{ x: value / per, mean: s.mean, ciLow: s.ciLow, ciHigh: s.ciHigh, n: s.n, model }] : [];
      });
    const failedAt = values.flatMap((value) => {
      const at = byValue.get(value)!;
      const failed = at.filter((r) => r.status === "failed").length;
      return failed && !at.some((r) => r.status === "succeeded") ? [{ x: value / per, failed }] : [];
    });
    const model = Array.from({ length: hi > lo ? DENSE + 1 : 1 }, (_, i) => {
      const value = hi > lo ? lo + ((hi - lo) * i) / DENSE : lo;
      const p = predict(value);
      return {
        x: value / per,
        durationMs: p.converges ? p.durationMs : null,
        transferredBytes: p.converges ? p.transferredBytes : null,
        downtimeMs: p.converges ? p.downtimeMs : null,
        lambda: p.lambda,
      };
    });
    // λ = 1 between two dense points: interpolate linearly.
    let boundaryX: number | null = null;
    for (let i = 1; i < model.length && boundaryX === null; i++) {
      const [a, b] = [model[i - 1], model[i]];
      if ((a.lambda - 1) * (b.lambda - 1) <= 0 && a.lambda !== b.lambda && Number.isFinite(a.lambda + b.lambda))
        boundaryX = a.x + ((1 - a.lambda) / (b.lambda - a.lambda)) * (b.x - a.x);
    }
    const firstFailing = model.find((m) => m.durationMs === null)?.x ?? null;
    const span = (hi - lo) / per || 1;
    const givesUpX =
      firstFailing !== null && (boundaryX === null || Math.abs(firstFailing - boundaryX) > span / 50)
        ? firstFailing
        : null;
    const label = [
      ...(severalProfiles ? [profile.name] : []),
      link.name,
      ...(severalVariants ? [labelOfSettingsKey(list[0].settingsKey)] : []),
    ].join(" · ");
    return [
      {
        key,
        label,
        linkId: link.id,
        linkName: link.name,
        profileId: profile.id,
        profileName: profile.name,
        variantLabel: severalVariants ? labelOfSettingsKey(list[0].settingsKey) : "",
        points: {
          durationMs: pointsOf("durationMs"),
          transferredBytes: pointsOf("transferredBytes"),
          downtimeMs: pointsOf("downtimeMs"),
          guestPauseMs: pointsOf("guestPauseMs"),
        },
        failedAt,
        model: model.map(({ lambda: _l, ...m }) => m),
        boundaryX,
        givesUpX,
      },
    ];
  });
  series.sort((a, b) => a.label.localeCompare(b.label));
  return { variable: sweep.variable, axisLabel: `${v.label} (${v.unit})`, unit: v.unit, series };
}

/** How far the model is from a series' measured means for a metric: the median and the worst relative error. */
export function modelError(points: SweepPoint[]): { median: number; worst: number; worstX: number; n: number } | null {
  const errors = points
    .filter((p) => p.model !== null && p.model > 0)
    .map((p) => ({ x: p.x, e: p.mean / p.model! - 1 }))
    .sort((a, b) => Math.abs(a.e) - Math.abs(b.e));
  if (!errors.length) return null;
  const worst = errors[errors.length - 1];
  return {
    median: median(errors.map((e) => Math.abs(e.e))),
    worst: worst.e,
    worstX: worst.x,
    n: errors.length,
  };
}
