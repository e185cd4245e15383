import { NextResponse } from "next/server";
import { z } from "zod";
import { authorizeApi } from "@/lib/auth/api-guard";
import { audit } from "@/lib/auth/audit";
import { checkImportConflicts, findDuplicateImport, importRuns } from "@/lib/db/imports";
import { IMPORT_LIMITS, previewSample, readImport, type ImportPreview } from "@/lib/import/parse";
import { importTargetSchema } from "@/lib/schemas/import";
import { apiError, validationError } from "@/lib/http/api-responses";

const intentSchema = z.enum(["preview", "import"], { error: 'intent must be "preview" or "import"' });
const SAMPLE_ROWS = 20;
/** Links or profiles an import creates that get an audit row each; the rest get one row that counts them. */
const AUDITED_ONE_BY_ONE = 20;

/**
 * POST /api/imports?testbedId=&name=&source=&intent=preview|import with the file as the body
 * (Content-Type text/csv or application/json), streamed and validated as it is read, at most
 * IMPORT_LIMITS. preview → 200 { preview }; import → 201 { campaign } when every row is valid and
 * agrees with the testbed, else 400 with the preview; nothing is written unless all rows go in.
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
  const [conflicts, duplicateOf] = await Promise.all([
    checkImportConflicts({ testbedId: target.data.testbedId, rows: read.rows, rowNumbers: read.rowNumbers }),
    findDuplicateImport({ testbedId: target.data.testbedId, source: target.data.source, rows: read.rows }),
  ]);
  const errors = [...read.errors, ...conflicts.slice(0, 200)].sort((a, b) => a.row - b.row);
  const errorRows = read.errorRows + conflicts.length;
  const preview: ImportPreview = {
    duplicateOf: duplicateOf && { ...duplicateOf, createdAt: duplicateOf.createdAt.toISOString() },
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

  const result = await importRuns({
    testbedId: target.data.testbedId,
    name: target.data.name,
    source: target.data.source,
    rows: read.rows,
  });
  if (!result.ok) return apiError(400, result.message, { [result.field ?? "file"]: [result.message] });
  const { testbedName, createdLinks, createdProfiles } = result.value;
  await audit(allowed.principal, {
    action: "campaign.import",
    targetType: "campaign",
    targetId: result.value.campaignId,
    summary: `Imported ${result.value.runCount} runs as “${target.data.name}” into testbed “${testbedName}” (#${target.data.testbedId})`,
    details: {
      rows: result.value.runCount,
      format: read.format,
      source: target.data.source.slice(0, 200),
      createdLinks: createdLinks.map((l) => l.name),
      createdProfiles: createdProfiles.map((p) => p.name),
    },
  });
  // What the import added to the testbed is audited as if added by hand: a row each for the first ones,
  // then one that counts the rest (a file may name thousands).
  const each = <T extends { id: number; name: string }>(
    items: T[],
    row: (item: T) => Parameters<typeof audit>[1],
    rest: (count: number) => Parameters<typeof audit>[1],
  ) =>
    Promise.all([
      ...items.slice(0, AUDITED_ONE_BY_ONE).map((item) => audit(allowed.principal, row(item))),
      ...(items.length > AUDITED_ONE_BY_ONE ? [audit(allowed.principal, rest(items.length - AUDITED_ONE_BY_ONE))] : []),
    ]);
  const where = `testbed “${testbedName}” (#${target.data.testbedId})`;
  await each(
    createdLinks,
    (link) => ({
      action: "link.create",
      targetType: "link",
      targetId: link.id,
      summary: `Added link “${link.name}” to ${where} with the import “${target.data.name}”`,
    }),
    (count) => ({
      action: "link.create",
      targetType: "testbed",
      targetId: target.data.testbedId,
      summary: `Added ${count} more links to ${where} with the import “${target.data.name}”`,
      details: { links: createdLinks.slice(AUDITED_ONE_BY_ONE, AUDITED_ONE_BY_ONE + 1000).map((l) => l.name) },
    }),
  );
  await each(
    createdProfiles,
    (profile) => ({
      action: "profile.create",
      targetType: "profile",
      targetId: profile.id,
      summary: `Created VM profile “${profile.name}” with the import “${target.data.name}”`,
    }),
    (count) => ({
      action: "profile.create",
      targetType: "campaign",
      targetId: result.value.campaignId,
      summary: `Created ${count} more VM profiles with the import “${target.data.name}”`,
      details: { profiles: createdProfiles.slice(AUDITED_ONE_BY_ONE, AUDITED_ONE_BY_ONE + 1000).map((p) => p.name) },
    }),
  );
  const url = `/campaigns/${result.value.campaignId}`;
  return NextResponse.json(
    { campaign: { id: result.value.campaignId, runCount: result.value.runCount, url } },
    { status: 201, headers: { Location: `/api/campaigns/${result.value.campaignId}` } },
  );
}
