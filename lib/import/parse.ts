import Papa from "papaparse";
import { z } from "zod";
import { importRowSchema, type ImportRow } from "@/lib/schemas/import";

export type RowError = { row: number; messages: string[] };
export type ParsedImport = { rows: ImportRow[]; errors: RowError[]; total: number };

/** Reads CSV (header row) or JSON (an array of rows, or { runs: [...] }) into raw records. */
export function readImportFile(text: string): { records: Record<string, unknown>[] } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: "The file is empty" };
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    try {
      const data = JSON.parse(trimmed);
      const records = Array.isArray(data) ? data : Array.isArray(data?.runs) ? data.runs : null;
      if (!records) return { error: 'JSON must be an array of runs or an object with a "runs" array' };
      if (!records.every((r: unknown) => typeof r === "object" && r !== null && !Array.isArray(r))) return { error: "Every JSON run must be an object" };
      return { records };
    } catch (error) {
      return { error: `Not valid JSON: ${(error as Error).message}` };
    }
  }
  const parsed = Papa.parse<Record<string, string>>(trimmed, { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() });
  const fatal = parsed.errors.find((e) => e.type === "Delimiter" || e.code === "UndetectableDelimiter");
  if (fatal) return { error: `Not a CSV file: ${fatal.message}` };
  if (!parsed.meta.fields?.includes("link")) return { error: 'CSV needs a header row with at least the columns link, lineRateGbps, profile, memoryBytes, workload (as exported)' };
  return { records: parsed.data };
}

/** Validates every record; row numbers count data rows from 1 (CSV line = row + 1). */
export function validateImportRecords(records: Record<string, unknown>[]): ParsedImport {
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  records.forEach((record, i) => {
    const result = importRowSchema.safeParse(record);
    if (result.success) rows.push(result.data);
    else {
      const flat = z.flattenError(result.error);
      errors.push({ row: i + 1, messages: [...flat.formErrors, ...Object.values(flat.fieldErrors).flat() as string[]] });
    }
  });
  if (records.length === 0) errors.push({ row: 0, messages: ["The file has no runs"] });
  return { rows, errors, total: records.length };
}
