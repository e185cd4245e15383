import { NextResponse } from "next/server";
import { z } from "zod";
import { authorizeApi } from "@/lib/auth/api-guard";
import { checkImportConflicts, findDuplicateImport } from "@/lib/db/imports";
import { importCampaignAs, mayCreateThroughImport } from "@/lib/operations/imports";
import { IMPORT_LIMITS, previewSample, readImport, type ImportPreview } from "@/lib/import/parse";
import { importTargetSchema } from "@/lib/schemas/import";
import { apiError, validationError } from "@/lib/http/api-responses";

const intentSchema = z.enum(["preview", "import"], { error: 'intent must be "preview" or "import"' });
const SAMPLE_ROWS = 20;

/**
 * POST /api/imports?testbedId=&name=&source=&intent=preview|import with the file as the body
 * (Content-Type text/csv or application/json), streamed and validated as it is read, at most
 * IMPORT_LIMITS. preview → 200 { preview }; import → 201 { campaign } when every row is valid and
 * agrees with the testbed, else 400 with the preview; nothing is written unless all rows go in. Only an
 * admin's import may add links and VM profiles; the preview names those it would add.
 */
export async function POST(request: Request) {
  const allowed = await authorizeApi(request, "operator", { bodyTypes: ["text/csv", "application/json"] });
  if (!allowed.ok) return allowed.response;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const intent = intentSchema.safeParse(params.intent ?? "preview");
  if (!intent.success) return validationError(intent.error);
  const target = importTargetSchema.safeParse(params);
  if (!target.success) return validationError(target.error);
  const length = request.headers.get("content-length");
  const declared = length !== null && /^\d{1,12}$/.test(length.trim()) ? Number(length) : null;
  if (length !== null && declared === null) return apiError(400, "Content-Length is not a number of bytes");
  if (declared !== null && declared > IMPORT_LIMITS.bytes)
    return apiError(
      413,
      `The file is ${(declared / 1024 / 1024).toFixed(1)} MB; at most ${IMPORT_LIMITS.bytes / 1024 / 1024} MB (split it)`,
      { file: ["Too large"] },
    );
  if (!request.body)
    return apiError(400, "Send the file as the request body", {
      file: ["Choose a CSV or JSON file (the format of Export CSV / Export JSON)"],
    });

  const read = await readImport(request.body, request.headers.get("content-type") ?? "", declared);
  if (!read.ok) return apiError(read.status, read.error, { file: [read.error] });
  // Every row's problems at once: the valid rows are checked against the testbed too, by their row numbers.
  // A link or profile the file names that does not exist is a problem of its rows unless an admin imports.
  const [{ errors: conflicts, creates }, duplicateOf] = await Promise.all([
    checkImportConflicts({
      testbedId: target.data.testbedId,
      rows: read.rows,
      rowNumbers: read.rowNumbers,
      canCreate: mayCreateThroughImport(allowed.principal),
    }),
    findDuplicateImport({ testbedId: target.data.testbedId, source: target.data.source, rows: read.rows }),
  ]);
  const errors = [...read.errors, ...conflicts.slice(0, 200)].sort((a, b) => a.row - b.row);
  const errorRows = read.errorRows + conflicts.length;
  const preview: ImportPreview = {
    duplicateOf: duplicateOf && { ...duplicateOf, createdAt: duplicateOf.createdAt.toISOString() },
    creates: { links: creates.links.slice(0, 50), profiles: creates.profiles.slice(0, 50) },
    format: read.format,
    total: read.total,
    valid: read.total - errorRows,
    errorRows,
    errors,
    sample: previewSample(read.rows, SAMPLE_ROWS),
  };
  if (intent.data === "preview") return NextResponse.json({ preview });
  if (errorRows > 0)
    return NextResponse.json(
      {
        error: { message: `${errorRows} row${errorRows === 1 ? " has" : "s have"} problems; nothing was imported` },
        preview,
      },
      { status: 400 },
    );

  const result = await importCampaignAs(allowed.principal, { ...target.data, format: read.format, rows: read.rows });
  if (!result.ok) return apiError(400, result.message, { [result.field ?? "file"]: [result.message] });
  const url = `/campaigns/${result.value.campaignId}`;
  return NextResponse.json(
    { campaign: { id: result.value.campaignId, runCount: result.value.runCount, url } },
    { status: 201, headers: { Location: `/api/campaigns/${result.value.campaignId}` } },
  );
}
