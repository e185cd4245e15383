"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkImportConflicts, importRuns } from "@/lib/db/imports";
import { readImportFile, validateImportRecords, type RowError } from "@/lib/import/parse";
import { importTargetSchema } from "@/lib/schemas/import";
import type { FieldErrors } from "@/lib/schemas/fields";
import { requireRole } from "@/lib/auth/guard";
import { audit } from "@/lib/auth/audit";

const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ImportPreview = {
  total: number;
  valid: number;
  errors: RowError[];
  sample: { link: string; profile: string; iteration: number; status: string; durationMs?: number; throughputGbps?: number; transferredBytes?: number }[];
};

export type ImportState = {
  ok: boolean | null;
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
  preview?: ImportPreview;
  /** The file's text, kept between preview and import so it need not be chosen again. */
  content?: string;
  attempt?: number;
};

export async function importAction(_prev: ImportState, formData: FormData): Promise<ImportState> {
  const principal = await requireRole("operator");
  const values = {
    testbedId: String(formData.get("testbedId") ?? ""),
    name: String(formData.get("name") ?? ""),
    source: String(formData.get("source") ?? ""),
  };
  const attempt = Date.now();
  const target = importTargetSchema.safeParse(values);
  const fieldErrors: FieldErrors = target.success ? {} : (z.flattenError(target.error).fieldErrors as FieldErrors);

  const file = formData.get("file");
  let content = String(formData.get("content") ?? "");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_FILE_BYTES) fieldErrors.file = [`The file is ${(file.size / 1e6).toFixed(1)} MB; at most 5 MB`];
    else content = await file.text();
  }
  if (!content && !fieldErrors.file) fieldErrors.file = ["Choose a CSV or JSON file (the format of Export CSV / Export JSON)"];

  let preview: ImportPreview | undefined;
  if (content && !fieldErrors.file) {
    const read = readImportFile(content);
    if ("error" in read) fieldErrors.file = [read.error];
    else {
      const parsed = validateImportRecords(read.records);
      const conflicts = target.success && parsed.errors.length === 0 ? await checkImportConflicts({ testbedId: target.data.testbedId!, rows: parsed.rows }) : [];
      const errors = [...parsed.errors, ...conflicts].sort((a, b) => a.row - b.row);
      preview = {
        total: parsed.total,
        valid: parsed.total - new Set(errors.map((e) => e.row)).size,
        errors,
        sample: parsed.rows.slice(0, 10).map((r) => ({ link: r.link, profile: r.profile, iteration: r.iteration, status: r.status, durationMs: r.durationMs, throughputGbps: r.throughputGbps, transferredBytes: r.transferredBytes })),
      };
      if (formData.get("intent") === "import" && target.success && errors.length === 0) {
        const result = await importRuns({ testbedId: target.data.testbedId!, name: target.data.name, source: target.data.source, rows: parsed.rows });
        if (!result.ok) return { ok: false, message: result.message, fieldErrors: { [result.field ?? "file"]: [result.message] }, values, preview, content, attempt };
        await audit(principal, {
          action: "campaign.import",
          targetType: "campaign",
          targetId: result.value.campaignId,
          summary: `Imported ${parsed.rows.length} runs as “${target.data.name}” into testbed #${target.data.testbedId}`,
          details: { rows: parsed.rows.length, source: target.data.source.slice(0, 200) },
        });
        revalidatePath("/campaigns");
        redirect(`/campaigns/${result.value.campaignId}`);
      }
    }
  }
  const problems = Object.keys(fieldErrors).length > 0 || (preview?.errors.length ?? 0) > 0;
  return {
    ok: problems ? false : null,
    message: problems
      ? preview?.errors.length
        ? `${preview.errors.length} row${preview.errors.length === 1 ? " has" : "s have"} problems; nothing was imported. Fix the file and preview again.`
        : "Some fields need attention; nothing was imported."
      : `All ${preview?.total ?? 0} rows are valid. Press “Import” to write them.`,
    fieldErrors,
    values,
    preview,
    content,
    attempt,
  };
}
