/**
 * The result matrix of a campaign: one row per VM profile (size × workload), one column per link,
 * each cell the mean of the succeeded runs. Pure functions; the campaign page and the charts use it.
 */
import { usableRateGbps } from "@/lib/model/rates";
import { meanKey, METRIC_KEYS, type MeanKey, type MetricKey } from "@/lib/model/metrics";
import { WORKLOADS } from "@/lib/schemas/profile";
import { momentsOf, spreadOf, welchFromSummaries, type Spread } from "./summary";
import { applySweep, DEFAULT_SETTINGS, formatSweepValue, labelOfSettingsKey } from "@/lib/model/migration-settings";

/** A run as the matrix reads it: its status, every result metric (absent: not measured), its variant, link and profile. */
export type MatrixRunInput = {
  status: string;
  /** "off-link": the link's counters saw too little of the run's bytes (lib/model/wire.ts). */
  wireVerdict?: string | null;
} & Partial<Record<MetricKey, number | null>> & {
    /** The settings variant's key ("" = defaults) and the swept value; absent: defaults, no sweep. */
    settingsKey?: string;
    sweepValue?: number | null;
    link: { id: number; name: string; lineRateGbps: number; busLimitGbps: number | null };
    profile: { id: number; name: string; vmCount: number; memoryBytes: number; workload: string };
  };

/**
 * A cell: its runs, failures, succeeded runs that did not use their link (`offLink`, where counters were
 * read), and each result metric's mean (null where no run measured it).
 */
export type MatrixCell = {
  n: number;
  failed: number;
  offLink?: number;
  /** Succeeded runs whose downtime exceeded the limit they migrated under (the hypervisor overshot it). */
  overLimit?: number;
  /** Each mean's spread (n, standard deviation, half its 95% interval), where two or more runs measured it. */
  spread?: Partial<Record<MeanKey, Spread>>;
} & Record<MeanKey, number | null>;

export type MatrixLink = { id: number; name: string; lineRateGbps: number; usableRateGbps: number };

export type MatrixRow = {
  profileId: number;
  profileName: string;
  /** The settings variant ("" = defaults) and the swept value (base units) the row is about. */
  settingsKey: string;
  sweepValue: number | null;
  /** What the row is, in words: the profile, then its variant and swept value where the campaign has them. */
  label: string;
  vmCount: number;
  memoryBytes: number;
  workload: string;
  cells: Record<number, MatrixCell>;
  /** Mean time of the slowest link over that of the fastest; null with fewer than two measured links. */
  speedup: { factor: number; fasterLinkId: number; slowerLinkId: number } | null;
};

export type ResultMatrix = { links: MatrixLink[]; rows: MatrixRow[] };

function mean(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/**
 * One cell as aggregated where the runs are (SQL GROUP BY profile, link): succeeded runs counted and
 * averaged (unknown values left out, as AVG does), failed runs counted.
 */
export type MatrixCellAggregate = MatrixCell & {
  linkId: number;
  profileId: number;
  settingsKey?: string;
  sweepValue?: number | null;
};

const rowKey = (c: { profileId: number; settingsKey?: string; sweepValue?: number | null }) =>
  `${c.profileId}|${c.settingsKey ?? ""}|${c.sweepValue ?? ""}`;

/** Aggregates runs in memory the way the database does (for tests and small sets). */
export function aggregateCells(runs: MatrixRunInput[]): {
  cells: MatrixCellAggregate[];
  links: MatrixRunInput["link"][];
  profiles: MatrixRunInput["profile"][];
} {
  const groups = new Map<string, MatrixRunInput[]>();
  const links = new Map<number, MatrixRunInput["link"]>();
  const profiles = new Map<number, MatrixRunInput["profile"]>();
  for (const run of runs) {
    links.set(run.link.id, run.link);
    profiles.set(run.profile.id, run.profile);
    const key = `${rowKey({ profileId: run.profile.id, ...run })}:${run.link.id}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const cells = [...groups.values()].map((list) => {
    const ok = list.filter((r) => r.status === "succeeded");
    return {
      profileId: list[0].profile.id,
      linkId: list[0].link.id,
      settingsKey: list[0].settingsKey ?? "",
      sweepValue: list[0].sweepValue ?? null,
      n: ok.length,
      failed: list.filter((r) => r.status === "failed").length,
      offLink: ok.filter((r) => r.wireVerdict === "off-link").length,
      ...(Object.fromEntries(METRIC_KEYS.map((k) => [meanKey(k), mean(ok.map((r) => r[k] ?? null))])) as Record<
        MeanKey,
        number | null
      >),
      spread: Object.fromEntries(
        METRIC_KEYS.flatMap((k) => {
          const m = momentsOf(ok.map((r) => r[k]).filter((v): v is number => typeof v === "number"));
          const spread = m ? spreadOf(m.n, m.m2) : null;
          return spread ? [[meanKey(k), spread]] : [];
        }),
      ),
    };
  });
  return { cells, links: [...links.values()], profiles: [...profiles.values()] };
}

/** Builds the matrix from runs; only succeeded runs enter the means, failed runs are counted beside them. */
export function buildResultMatrix(runs: MatrixRunInput[], sweepVariable: string | null = null): ResultMatrix {
  const { cells, links, profiles } = aggregateCells(runs);
  return buildResultMatrixFromCells(cells, links, profiles, sweepVariable);
}

/** Builds the matrix from per-cell aggregates (the campaign page asks the database for these). */
export function buildResultMatrixFromCells(
  cellList: MatrixCellAggregate[],
  linkList: MatrixRunInput["link"][],
  profileList: MatrixRunInput["profile"][],
  /** The campaign's swept variable, to name the swept values in row labels. */
  sweepVariable: string | null = null,
): ResultMatrix {
  const links = new Map(
    linkList.map((l) => [
      l.id,
      { id: l.id, name: l.name, lineRateGbps: l.lineRateGbps, usableRateGbps: usableRateGbps(l) },
    ]),
  );
  const profiles = new Map(profileList.map((p) => [p.id, p]));
  const byRow = new Map<string, MatrixCellAggregate[]>();
  for (const cell of cellList) byRow.set(rowKey(cell), [...(byRow.get(rowKey(cell)) ?? []), cell]);
  // Variants are named when the campaign ran more than the defaults.
  const namedVariants = cellList.some((c) => (c.settingsKey ?? "") !== "");

  const workloadOrder = (w: string) => {
    const i = (WORKLOADS as readonly string[]).indexOf(w);
    return i === -1 ? WORKLOADS.length : i;
  };

  const matrixRows: MatrixRow[] = [...byRow.values()].map((list) => {
    const { profileId } = list[0];
    const settingsKey = list[0].settingsKey ?? "";
    const sweepValue = list[0].sweepValue ?? null;
    const profile = profiles.get(profileId)!;
    const swept = applySweep(
      { ...profile, dirtyRateBytesPerSec: null, workingSetBytes: null },
      DEFAULT_SETTINGS,
      sweepVariable,
      sweepValue,
    ).profile;
    const cells: Record<number, MatrixCell> = {};
    for (const { linkId, profileId: _p, settingsKey: _k, sweepValue: _v, ...cell } of list) cells[linkId] = cell;
    const label = [
      profile.name,
      ...(namedVariants ? [labelOfSettingsKey(settingsKey)] : []),
      ...(sweepValue !== null && sweepVariable ? [formatSweepValue(sweepVariable, sweepValue)] : []),
    ].join(" · ");
    const timed = Object.entries(cells)
      .filter(([, c]) => c.meanDurationMs !== null && c.meanDurationMs > 0)
      .map(([id, c]) => ({ id: Number(id), ms: c.meanDurationMs as number }))
      .sort((a, b) => a.ms - b.ms);
    const speedup =
      timed.length >= 2
        ? {
            factor: timed[timed.length - 1].ms / timed[0].ms,
            fasterLinkId: timed[0].id,
            slowerLinkId: timed[timed.length - 1].id,
          }
        : null;
    return {
      profileId,
      profileName: profile.name,
      settingsKey,
      sweepValue,
      label,
      // What was migrated at this swept value (a dirty-rate sweep makes every guest dirty continuously).
      vmCount: swept.vmCount,
      memoryBytes: swept.memoryBytes,
      workload: swept.workload,
      cells,
      speedup,
    };
  });

  matrixRows.sort(
    (a, b) =>
      a.vmCount * a.memoryBytes - b.vmCount * b.memoryBytes ||
      a.vmCount - b.vmCount ||
      workloadOrder(a.workload) - workloadOrder(b.workload) ||
      a.profileName.localeCompare(b.profileName) ||
      a.settingsKey.localeCompare(b.settingsKey) ||
      (a.sweepValue ?? 0) - (b.sweepValue ?? 0),
  );

  return {
    links: [...links.values()].sort((a, b) => a.usableRateGbps - b.usableRateGbps || a.name.localeCompare(b.name)),
    rows: matrixRows,
  };
}

export type ChartMetric = MeanKey;

/**
 * Links of a row the runs cannot tell apart on `metric`: Welch's t-test between two links' cells (the test
 * /compare runs) finds no significant difference (p ≥ 0.05). For each such link, the other link it is
 * least told apart from, and that p. Cells with fewer than two runs are not judged.
 */
export function untoldLinks(
  row: MatrixRow,
  metric: ChartMetric = "meanDurationMs",
): Map<number, { other: number; p: number }> {
  const cells = Object.entries(row.cells).flatMap(([id, c]) => {
    const mean = c[metric];
    const s = c.spread?.[metric];
    return mean === null || !s ? [] : [{ id: Number(id), summary: { ...s, mean } }];
  });
  const out = new Map<number, { other: number; p: number }>();
  for (const a of cells)
    for (const b of cells) {
      if (a.id === b.id) continue;
      const w = welchFromSummaries(
        { ...a.summary, ciLow: null, ciHigh: null, min: 0, max: 0, median: 0 },
        { ...b.summary, ciLow: null, ciHigh: null, min: 0, max: 0, median: 0 },
      );
      if (w && w.p >= 0.05 && w.p > (out.get(a.id)?.p ?? -1)) out.set(a.id, { other: b.id, p: w.p });
    }
  return out;
}

/**
 * One bar group per matrix row; each link's value under the key `link<id>`, half its 95% interval under
 * `link<id>Half` (where two or more runs measured it) and its n under `link<id>N`. Missing cells are omitted.
 */
export function matrixChartData(matrix: ResultMatrix, metric: ChartMetric) {
  return matrix.rows.map((row) => {
    const point: Record<string, string | number> = { label: row.label };
    for (const link of matrix.links) {
      const cell = row.cells[link.id];
      const value = cell?.[metric];
      if (value === null || value === undefined) continue;
      point[`link${link.id}`] = value;
      point[`link${link.id}N`] = cell.n;
      const half = cell.spread?.[metric]?.half;
      if (half !== undefined) point[`link${link.id}Half`] = half;
    }
    return point;
  });
}

/** Speed-up of the fastest link per row, for the speed-up chart. */
export function speedupChartData(matrix: ResultMatrix) {
  const names = new Map(matrix.links.map((l) => [l.id, l.name]));
  return matrix.rows
    .filter((r) => r.speedup)
    .map((r) => ({
      label: r.label,
      factor: r.speedup!.factor,
      faster: names.get(r.speedup!.fasterLinkId) ?? "",
      slower: names.get(r.speedup!.slowerLinkId) ?? "",
    }));
}
