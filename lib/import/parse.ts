import Papa from "papaparse";
import { z } from "zod";
import { importCsvRowSchema, importJsonRowSchema, type ImportRow } from "@/lib/schemas/import";

/** What an import may hold; README states the same. */
export const IMPORT_LIMITS = { bytes: 20 * 1024 * 1024, rows: 100_000 } as const;
/** Row errors kept for the preview (all are counted). */
const MAX_LISTED_ERRORS = 200;

export type RowError = { row: number; messages: string[] };
export type ImportRead =
  | {
      ok: true;
      format: "csv" | "json";
      rows: ImportRow[];
      /** The row number (from 1) of each valid row in the file, for problems found later (conflicts). */
      rowNumbers: number[];
      total: number;
      errors: RowError[];
      errorRows: number;
    }
  | { ok: false; status: 400 | 413; error: string };

class Refusal extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** What the export wrote to keep a spreadsheet from running a cell: a leading ' before = + - @ tab CR. */
function unescapeFormula(value: string): string {
  return value.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** Collects valid rows and row errors, record by record. */
class Validator {
  readonly rows: ImportRow[] = [];
  readonly rowNumbers: number[] = [];
  readonly errors: RowError[] = [];
  errorRows = 0;
  total = 0;
  constructor(private readonly schema: typeof importCsvRowSchema | typeof importJsonRowSchema) {}

  add(record: unknown) {
    this.total++;
    if (this.total > IMPORT_LIMITS.rows)
      throw new Refusal(
        413,
        `The file has more than ${IMPORT_LIMITS.rows.toLocaleString("en")} runs; split it (nothing was imported)`,
      );
    if (typeof record !== "object" || record === null || Array.isArray(record))
      return this.fail(["every run must be an object with the export's columns"]);
    const result = this.schema.safeParse(record);
    if (result.success) {
      this.rows.push(result.data);
      this.rowNumbers.push(this.total);
    } else {
      const flat = z.flattenError(result.error);
      this.fail([...flat.formErrors, ...(Object.values(flat.fieldErrors).flat() as string[])]);
    }
  }

  private fail(messages: string[]) {
    this.errorRows++;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ row: this.total, messages });
  }
}

/**
 * Reads the stream as text, refusing more than the byte limit, or other than the number of bytes the
 * sender declared (Content-Length; null when it sent none), calling `onText` with each piece.
 */
async function readText(
  stream: ReadableStream<Uint8Array>,
  onText: (text: string) => void,
  declaredBytes: number | null,
): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder("utf-8");
  let bytes = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The sender went away mid-upload: what arrived is not the file.
      throw new Refusal(400, `The upload broke off after ${bytes} bytes: send the file again (nothing was imported)`);
    }
    const { done, value } = chunk;
    if (done) break;
    bytes += value.byteLength;
    if (bytes > IMPORT_LIMITS.bytes) {
      await reader.cancel().catch(() => {});
      throw new Refusal(
        413,
        `The file is larger than ${IMPORT_LIMITS.bytes / 1024 / 1024} MB; split it (nothing was imported)`,
      );
    }
    onText(decoder.decode(value, { stream: true }));
  }
  if (declaredBytes !== null && bytes !== declaredBytes)
    throw new Refusal(
      413,
      `Received ${bytes} of the ${declaredBytes} bytes the upload declared: the file did not arrive whole (nothing was imported)`,
    );
  onText(decoder.decode());
}

/**
 * Reads an import file — CSV with a header row, or JSON (an array of runs or { runs: [...] }) —
 * from a stream of bytes, within IMPORT_LIMITS. CSV rows are validated as they arrive; JSON is
 * validated once read (it cannot be split before). Row numbers count runs from 1 (CSV line = row + 1).
 */
export async function readImport(
  stream: ReadableStream<Uint8Array>,
  contentType = "",
  /** Content-Length as sent: a body of any other size is refused, never read in part. */
  declaredBytes: number | null = null,
): Promise<ImportRead> {
  try {
    let format: "csv" | "json" | null = /json/i.test(contentType)
      ? "json"
      : /csv|text\/plain/i.test(contentType)
        ? "csv"
        : null;
    let head = "";
    let json = "";
    const reading: { csv: ReturnType<typeof csvParser> | null } = { csv: null };
    await readText(
      stream,
      (text) => {
        if (!format) {
          head += text;
          const first = head.replace(/^\uFEFF/, "").trimStart()[0];
          if (first === undefined) return;
          format = first === "[" || first === "{" ? "json" : "csv";
          text = head;
        }
        if (format === "json") json += text;
        else (reading.csv ??= csvParser()).write(text);
      },
      declaredBytes,
    );
    if (format === "json") return finish("json", readJson(json));
    if (!reading.csv) return { ok: false, status: 400, error: "The file is empty" };
    return finish("csv", await reading.csv.end());
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, status: error.status, error: error.message };
    throw error;
  }
}

function finish(format: "csv" | "json", v: Validator): ImportRead {
  if (v.total === 0) return { ok: false, status: 400, error: "The file has no runs" };
  return {
    ok: true,
    format,
    rows: v.rows,
    rowNumbers: v.rowNumbers,
    total: v.total,
    errors: v.errors,
    errorRows: v.errorRows,
  };
}

function readJson(text: string): Validator {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) throw new Refusal(400, "The file is empty");
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch (error) {
    throw new Refusal(400, `Not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  const records = Array.isArray(data)
    ? data
    : Array.isArray((data as { runs?: unknown })?.runs)
      ? (data as { runs: unknown[] }).runs
      : null;
  if (!records) throw new Refusal(400, 'JSON must be an array of runs or an object with a "runs" array');
  const v = new Validator(importJsonRowSchema);
  for (const record of records) v.add(record);
  return v;
}

/** The columns an import reads (others, like runId or campaign, are skipped). */
const IMPORT_COLUMNS = new Set(Object.keys(importCsvRowSchema.def.in.shape));

/**
 * A CSV reader fed piece by piece. Complete lines (a newline outside quotes) are parsed at once by
 * papaparse, rows as arrays (its stream mode is several times slower); the first row is the
 * header, each next row is validated as soon as its line has arrived.
 */
function csvParser() {
  const v = new Validator(importCsvRowSchema);
  let columns: (string | null)[] | null = null;
  let buffer = "";
  let inQuotes = false;
  let scanned = 0;

  const take = (rows: string[][]) => {
    for (const row of rows) {
      if (row.length === 1 && row[0].trim() === "") continue;
      if (!columns) {
        const names = row.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
        if (!names.includes("link"))
          throw new Refusal(
            400,
            "CSV needs a header row with at least the columns link, lineRateGbps, profile, memoryBytes, workload (as exported)",
          );
        columns = names.map((n) => (IMPORT_COLUMNS.has(n) ? n : null));
        continue;
      }
      const record: Record<string, unknown> = {};
      columns.forEach((name, i) => {
        if (name && i < row.length) record[name] = unescapeFormula(row[i]);
      });
      v.add(record);
    }
  };
  const parse = (text: string) => {
    if (text) take(Papa.parse<string[]>(text, { header: false, skipEmptyLines: true }).data);
  };

  return {
    write(text: string) {
      buffer += text;
      // The last newline outside quotes (a quoted field may hold newlines; "" is an escaped quote).
      let cut = -1;
      if (!inQuotes && buffer.indexOf('"', scanned) < 0) cut = buffer.lastIndexOf("\n");
      else {
        for (let i = scanned; i < buffer.length; i++) {
          const ch = buffer.charCodeAt(i);
          if (ch === 34) inQuotes = !inQuotes;
          else if (ch === 10 && !inQuotes) cut = i;
        }
      }
      scanned = buffer.length;
      if (cut < 0) return;
      const complete = buffer.slice(0, cut + 1);
      buffer = buffer.slice(cut + 1);
      scanned = buffer.length;
      parse(complete);
    },
    async end(): Promise<Validator> {
      parse(buffer);
      buffer = "";
      return v;
    },
  };
}

/** What POST /api/imports answers for a preview (and with a refused import). */
/** The first rows of an import as the preview table shows them (unknown metrics as null). */
export function previewSample(rows: readonly ImportRow[], count: number): ImportPreview["sample"] {
  return rows
    .slice(0, count)
    .map(({ link, profile, iteration, status, durationMs, throughputGbps, transferredBytes }) => ({
      ...{ link, profile, iteration, status },
      ...{
        durationMs: durationMs ?? null,
        throughputGbps: throughputGbps ?? null,
        transferredBytes: transferredBytes ?? null,
      },
    }));
}

export type ImportPreview = {
  /** An imported campaign of this testbed that already holds these same runs (same source and values). */
  duplicateOf?: { id: number; name: string; createdAt: string } | null;
  /** Links and VM profiles the import would add (the first 50 of each; only an admin's import may). */
  creates?: { links: string[]; profiles: string[] };
  format: "csv" | "json";
  total: number;
  valid: number;
  errorRows: number;
  errors: RowError[];
  sample: {
    link: string;
    profile: string;
    iteration: number;
    status: string;
    durationMs: number | null;
    throughputGbps: number | null;
    transferredBytes: number | null;
  }[];
};
