/**
 * Export format of runs: one flat row per run with its testbed, link and profile, every metric in
 * base units. CSV (papaparse) and JSON carry the same columns; import reads them back.
 */
import Papa from "papaparse";
import { METRIC_KEYS, type MetricKey } from "@/lib/model/metrics";
import { settingsFromJson, settingsLabel } from "@/lib/model/migration-settings";

export const RUN_COLUMNS = [
  "runId",
  "campaign",
  "testbed",
  "hypervisor",
  "linkScale",
  "link",
  "lineRateGbps",
  "busLimitGbps",
  "profile",
  "memoryBytes",
  "vmCount",
  "vcpuCount",
  "workload",
  "dirtyRateBytesPerSec",
  "workingSetBytes",
  "settings",
  "strategy",
  "postcopyAfterRounds",
  "throttleInitialPct",
  "throttleIncrementPct",
  "multifdChannels",
  "xbzrleCacheBytes",
  "downtimeLimitMs",
  "bandwidthScale",
  "sweepVariable",
  "sweepValue",
  "iteration",
  "status",
  "adapter",
  // Every result metric of the registry (lib/model/metrics.ts), in its order.
  ...METRIC_KEYS,
  "precopyRounds",
  "observedDirtyRateBytesPerSec",
  "errorReason",
  "startedAt",
  "finishedAt",
] as const;

export type RunRow = Record<(typeof RUN_COLUMNS)[number], string | number | null>;

export type ExportableRun = Record<MetricKey, number | null> & {
  id: number;
  iteration: number;
  status: string;
  adapter: string;
  precopyRounds: number | null;
  dirtyRateBytesPerSec: number | null;
  errorReason: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The settings variant as stored (JSON); the swept variable and value (base units). */
  settingsJson: string;
  sweepVariable: string | null;
  sweepValue: number | null;
  campaign: { name: string; testbed: { name: string; hypervisor: string; linkScale: number } };
  link: { name: string; lineRateGbps: number; busLimitGbps: number | null };
  profile: {
    name: string;
    memoryBytes: number;
    vmCount: number;
    vcpuCount: number;
    workload: string;
    dirtyRateBytesPerSec: number | null;
    workingSetBytes: number | null;
  };
};

type RunScalars = Omit<ExportableRun, "campaign" | "link" | "profile">;

/** One export row: a run's own values with its campaign's, link's and VM profile's. */
export function exportRow(
  r: RunScalars,
  campaign: ExportableRun["campaign"],
  link: ExportableRun["link"],
  profile: ExportableRun["profile"],
): RunRow {
  const settings = settingsFromJson(r.settingsJson);
  return {
    runId: r.id,
    campaign: campaign.name,
    testbed: campaign.testbed.name,
    hypervisor: campaign.testbed.hypervisor,
    linkScale: campaign.testbed.linkScale,
    link: link.name,
    lineRateGbps: link.lineRateGbps,
    busLimitGbps: link.busLimitGbps,
    profile: profile.name,
    memoryBytes: profile.memoryBytes,
    vmCount: profile.vmCount,
    vcpuCount: profile.vcpuCount,
    workload: profile.workload,
    dirtyRateBytesPerSec: profile.dirtyRateBytesPerSec,
    workingSetBytes: profile.workingSetBytes,
    settings: settingsLabel(settings),
    strategy: settings.strategy,
    postcopyAfterRounds: settings.postcopyAfterRounds,
    throttleInitialPct: settings.strategy === "auto-converge" ? settings.throttleInitialPct : null,
    throttleIncrementPct: settings.strategy === "auto-converge" ? settings.throttleIncrementPct : null,
    multifdChannels: settings.multifdChannels,
    xbzrleCacheBytes: settings.xbzrleCacheBytes,
    downtimeLimitMs: settings.downtimeLimitMs,
    bandwidthScale: settings.bandwidthScale,
    sweepVariable: r.sweepVariable,
    sweepValue: r.sweepValue,
    iteration: r.iteration,
    status: r.status,
    adapter: r.adapter,
    ...(Object.fromEntries(METRIC_KEYS.map((k) => [k, r[k]])) as Record<MetricKey, number | null>),
    precopyRounds: r.precopyRounds,
    observedDirtyRateBytesPerSec: r.dirtyRateBytesPerSec,
    errorReason: r.errorReason,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Flattens runs into export rows. */
export function runsToRows(runs: ExportableRun[]): RunRow[] {
  return runs.map((r) => exportRow(r, r.campaign, r.link, r.profile));
}

/** CSV with a header row; empty cells for unknown values. */
export function rowsToCsv<T extends Record<string, unknown>>(
  rows: T[],
  columns: readonly string[],
  { header = true } = {},
): string {
  // escapeFormulae: a cell starting with = + - @ tab or CR gets a leading quote, so a spreadsheet
  // never runs it as a formula (OWASP CSV injection); numbers stay numbers.
  // Papa writes null and undefined as empty cells.
  return Papa.unparse(rows, { columns: [...columns], newline: "\n", escapeFormulae: true, header });
}

/** A download response for rows as CSV or JSON. */
export function exportResponse<T extends Record<string, unknown>>(
  rows: T[],
  columns: readonly string[],
  format: string | null,
  filename: string,
): Response {
  if (format === "json") {
    return new Response(JSON.stringify(rows, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}.json"`,
      },
    });
  }
  return new Response(rowsToCsv(rows, columns) + "\n", {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}.csv"`,
    },
  });
}

/**
 * A download response streamed from pages of rows (CSV with one header row, or a JSON array), so an
 * export holds one page in memory whatever its size.
 */
export function exportStreamResponse<T extends Record<string, unknown>>(
  pages: AsyncIterable<T[]>,
  columns: readonly string[],
  format: string | null,
  filename: string,
): Response {
  const json = format === "json";
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(
        // Papaparse ends a header without data with its newline already: no blank line after it.
        encoder.encode(
          json ? "[" : `${Papa.unparse({ fields: [...columns], data: [] }, { newline: "\n" }).trimEnd()}\n`,
        ),
      );
    },
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (done) {
          controller.enqueue(encoder.encode(json ? "\n]\n" : ""));
          controller.close();
          return;
        }
        if (json) {
          const text = value.map((r) => `\n  ${JSON.stringify(r)}`).join(",");
          controller.enqueue(encoder.encode(`${first ? "" : ","}${text}`));
        } else {
          controller.enqueue(encoder.encode(`${rowsToCsv(value, columns, { header: false })}\n`));
        }
        first = false;
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: json
      ? {
          "content-type": "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="${filename}.json"`,
        }
      : { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}.csv"` },
  });
}
