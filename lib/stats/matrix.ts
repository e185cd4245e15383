/**
 * The result matrix of a campaign: one row per VM profile (size × workload), one column per link,
 * each cell the mean of the succeeded runs. Pure functions; the campaign page and the charts use it.
 */
import { usableRateGbps } from "@/lib/schemas/link";
import { WORKLOADS } from "@/lib/schemas/profile";

export type MatrixRunInput = {
  status: string;
  durationMs: number | null;
  throughputGbps: number | null;
  transferredBytes: number | null;
  downtimeMs: number | null;
  link: { id: number; name: string; lineRateGbps: number; busLimitGbps: number | null };
  profile: { id: number; name: string; vmCount: number; memoryBytes: number; workload: string };
};

export type MatrixCell = {
  n: number;
  failed: number;
  meanDurationMs: number | null;
  meanThroughputGbps: number | null;
  meanTransferredBytes: number | null;
  meanDowntimeMs: number | null;
};

export type MatrixLink = { id: number; name: string; lineRateGbps: number; usableRateGbps: number };

export type MatrixRow = {
  profileId: number;
  profileName: string;
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

/** Builds the matrix; only succeeded runs enter the means, failed runs are counted beside them. */
export function buildResultMatrix(runs: MatrixRunInput[]): ResultMatrix {
  const links = new Map<number, MatrixLink>();
  const rows = new Map<number, { row: Omit<MatrixRow, "cells" | "speedup">; byLink: Map<number, MatrixRunInput[]> }>();

  for (const run of runs) {
    if (!links.has(run.link.id)) {
      links.set(run.link.id, {
        id: run.link.id,
        name: run.link.name,
        lineRateGbps: run.link.lineRateGbps,
        usableRateGbps: usableRateGbps(run.link),
      });
    }
    let entry = rows.get(run.profile.id);
    if (!entry) {
      entry = {
        row: {
          profileId: run.profile.id,
          profileName: run.profile.name,
          vmCount: run.profile.vmCount,
          memoryBytes: run.profile.memoryBytes,
          workload: run.profile.workload,
        },
        byLink: new Map(),
      };
      rows.set(run.profile.id, entry);
    }
    const list = entry.byLink.get(run.link.id) ?? [];
    list.push(run);
    entry.byLink.set(run.link.id, list);
  }

  const workloadOrder = (w: string) => {
    const i = (WORKLOADS as readonly string[]).indexOf(w);
    return i === -1 ? WORKLOADS.length : i;
  };

  const matrixRows: MatrixRow[] = [...rows.values()].map(({ row, byLink }) => {
    const cells: Record<number, MatrixCell> = {};
    for (const [linkId, list] of byLink) {
      const ok = list.filter((r) => r.status === "succeeded");
      cells[linkId] = {
        n: ok.length,
        failed: list.filter((r) => r.status === "failed").length,
        meanDurationMs: mean(ok.map((r) => r.durationMs)),
        meanThroughputGbps: mean(ok.map((r) => r.throughputGbps)),
        meanTransferredBytes: mean(ok.map((r) => r.transferredBytes)),
        meanDowntimeMs: mean(ok.map((r) => r.downtimeMs)),
      };
    }
    const timed = Object.entries(cells)
      .filter(([, c]) => c.meanDurationMs !== null && c.meanDurationMs > 0)
      .map(([id, c]) => ({ id: Number(id), ms: c.meanDurationMs as number }))
      .sort((a, b) => a.ms - b.ms);
    const speedup =
      timed.length >= 2
        ? { factor: timed[timed.length - 1].ms / timed[0].ms, fasterLinkId: timed[0].id, slowerLinkId: timed[timed.length - 1].id }
        : null;
    return { ...row, cells, speedup };
  });

  matrixRows.sort(
    (a, b) =>
      a.vmCount * a.memoryBytes - b.vmCount * b.memoryBytes ||
      a.vmCount - b.vmCount ||
      workloadOrder(a.workload) - workloadOrder(b.workload) ||
      a.profileName.localeCompare(b.profileName),
  );

  return {
    links: [...links.values()].sort((a, b) => a.usableRateGbps - b.usableRateGbps || a.name.localeCompare(b.name)),
    rows: matrixRows,
  };
}

export type ChartMetric = "meanDurationMs" | "meanThroughputGbps" | "meanTransferredBytes";

/** One bar group per matrix row; each link's value under the key `link<id>`. Missing cells are omitted. */
export function matrixChartData(matrix: ResultMatrix, metric: ChartMetric) {
  return matrix.rows.map((row) => {
    const point: Record<string, string | number> = { label: row.profileName };
    for (const link of matrix.links) {
      const value = row.cells[link.id]?.[metric];
      if (value !== null && value !== undefined) point[`link${link.id}`] = value;
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
      label: r.profileName,
      factor: r.speedup!.factor,
      faster: names.get(r.speedup!.fasterLinkId) ?? "",
      slower: names.get(r.speedup!.slowerLinkId) ?? "",
    }));
}
