"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { formatBytes, formatDurationMs, formatGbps } from "@/lib/format/units";
import { BUTTON_CLASSES } from "@/components/ui/button-link";
import { SearchPicker, type PickerItem } from "@/components/ui/search-picker";
import type { ImportPreview } from "@/lib/import/parse";
import type { FieldErrors as FieldErrorMap } from "@/lib/schemas/fields";
import { DataTable } from "@/components/ui/data-table";
import { FieldErrors } from "@/components/ui/form-fields";
import Papa from "papaparse";
import {
  applyMapping,
  guessMapping,
  isExportHeader,
  mappedCsv,
  mappingFits,
  resolveChoices,
  type ColumnMapping,
  type ImportCatalog,
} from "@/lib/import/mapping";
import { saveImportMappingAction } from "../actions";
import { ColumnMappingPanel } from "./column-mapping";

/** A file that needs its columns mapped: its header and rows, and the mapping as the user has it. */
type Mapped = { header: string[]; rows: string[][]; mapping: ColumnMapping; savedFor: string | null };

/** The mapping saved on the server for the page's testbed and source (see page.tsx). */
export type SavedMapping = { source: string; header: string[]; mapping: ColumnMapping; updatedAt: string };

const INPUT = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

type Outcome =
  | { kind: "none" }
  | { kind: "preview"; preview: ImportPreview }
  | { kind: "refused"; message: string; fieldErrors: FieldErrorMap; preview?: ImportPreview };

export type ImportFormProps = {
  maxMegabytes: number;
  maxRows: number;
  /** The testbed of the URL (?testbedId=), preselected. */
  testbed: PickerItem | null;
  /** The source of the URL (?source=), filled in. */
  source: string;
  /** The testbed's links and the VM profiles, onto which a mapped file's values go. */
  catalog: ImportCatalog;
  saved: SavedMapping | null;
};

/** A mapping to start from for a file: the saved one when it fits the file's header, else the guess. */
function startMapping(header: string[], rows: string[][], catalog: ImportCatalog, saved: SavedMapping | null): Mapped {
  const fits = saved && mappingFits(saved.mapping, header);
  const mapping = fits ? saved.mapping : guessMapping(header, rows);
  return {
    header,
    rows,
    mapping: resolveChoices(header, rows, mapping, catalog),
    savedFor: fits ? saved.source : null,
  };
}

/**
 * Import runs from CSV or JSON: the file is streamed to POST /api/imports, checked row by row
 * (preview), then written all-or-nothing (import). The testbed and source live in the URL, so the
 * page brings the testbed's links and the mapping saved for that source.
 */
export function ImportForm({ maxMegabytes, maxRows, testbed, source, catalog, saved }: ImportFormProps) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState<null | "preview" | "import">(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "none" });
  const [mapped, setMapped] = useState<Mapped | null>(null);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(typing.current), []);

  // Another testbed or source brings other links and perhaps a saved mapping: the mapping starts again.
  const basis = `${testbed?.id ?? ""}\u0000${saved?.source ?? ""}\u0000${saved?.updatedAt ?? ""}`;
  const [seenBasis, setSeenBasis] = useState(basis);
  if (seenBasis !== basis) {
    setSeenBasis(basis);
    if (mapped) setMapped(startMapping(mapped.header, mapped.rows, catalog, saved));
  }

  /** The testbed and source into the URL (replacing it: they are the view, not a step back). */
  function remember(change: { testbedId?: number | null; source?: string }) {
    const params = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(change)) {
      if (value === null || value === undefined || value === "") params.delete(key);
      else params.set(key, String(value));
    }
    router.replace(`/campaigns/import${params.size ? `?${params}` : ""}`, { scroll: false });
  }

  /** A chosen CSV whose header is not the export's opens the mapping step. */
  async function inspect(file: File | undefined) {
    setMapped(null);
    if (!file || file.size > maxMegabytes * 1024 * 1024 || file.name.toLowerCase().endsWith(".json")) return;
    const [header, ...rows] = Papa.parse<string[]>(await file.text(), { skipEmptyLines: true }).data;
    if (!header || isExportHeader(header)) return;
    setMapped(startMapping(header, rows, catalog, saved));
  }
  const fieldErrors = outcome.kind === "refused" ? outcome.fieldErrors : {};
  const preview = outcome.kind === "none" ? undefined : outcome.preview;

  async function send(intent: "preview" | "import") {
    // A source still being put into the URL would navigate back here after the import has moved on.
    clearTimeout(typing.current);
    const data = new FormData(form.current!);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setOutcome({
        kind: "refused",
        message: "Some fields need attention.",
        fieldErrors: { file: ["Choose a CSV or JSON file (the format of Export CSV / Export JSON)"] },
      });
      return;
    }
    if (file.size > maxMegabytes * 1024 * 1024) {
      setOutcome({
        kind: "refused",
        message: "The file is too large; nothing was imported.",
        fieldErrors: {
          file: [`The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; at most ${maxMegabytes} MB (split it)`],
        },
      });
      return;
    }
    const params = new URLSearchParams({
      intent,
      testbedId: String(data.get("testbedId") ?? ""),
      name: String(data.get("name") ?? ""),
      source: String(data.get("source") ?? ""),
    });
    const type =
      file.name.toLowerCase().endsWith(".json") || file.type.includes("json") ? "application/json" : "text/csv";
    // A mapped file goes in the export's columns, so the server checks it as any other import.
    let upload: Blob = file;
    if (mapped) {
      const result = applyMapping(mapped.header, mapped.rows, mapped.mapping, catalog);
      if (result.problems.length) {
        setOutcome({
          kind: "refused",
          message: `${result.problems.length} row${result.problems.length === 1 ? "" : "s"} cannot be mapped: ${result.problems
            .slice(0, 5)
            .map((p) => `row ${p.row}: ${p.messages.join("; ")}`)
            .join(" · ")}`,
          fieldErrors: {},
        });
        return;
      }
      upload = new Blob([mappedCsv(result.records)], { type: "text/csv" });
    }
    setBusy(intent);
    try {
      const res = await fetch(`/api/imports?${params}`, {
        method: "POST",
        body: upload,
        headers: { "content-type": type },
      });
      const body = await res.json().catch(() => ({ error: { message: `The server answered ${res.status}` } }));
      if (res.status === 201) {
        // The mapping as confirmed by an import that went in, kept on the server for this testbed and source.
        if (mapped)
          await saveImportMappingAction({
            testbedId: Number(params.get("testbedId")),
            source: params.get("source"),
            header: mapped.header,
            mapping: mapped.mapping,
          }).catch(() => null);
        router.push(body.campaign.url);
        return;
      }
      if (res.ok) setOutcome({ kind: "preview", preview: body.preview });
      else
        setOutcome({
          kind: "refused",
          message: body.error?.message ?? `The server answered ${res.status}`,
          fieldErrors: body.error?.fieldErrors ?? {},
          preview: body.preview,
        });
    } catch {
      setOutcome({
        kind: "refused",
        message: "The server could not be reached; nothing was imported.",
        fieldErrors: {},
      });
    } finally {
      setBusy(null);
    }
  }

  const message =
    outcome.kind === "refused"
      ? { error: true, text: outcome.message }
      : preview && preview.errorRows > 0
        ? {
            error: true,
            text: `${preview.errorRows} row${preview.errorRows === 1 ? " has" : "s have"} problems; nothing was imported. Fix the file and preview again.`,
          }
        : preview
          ? { error: false, text: `All ${preview.total} rows are valid. Press “Import” to write them.` }
          : null;

  return (
    <form
      ref={form}
      onSubmit={(e) => e.preventDefault()}
      onChange={() => outcome.kind !== "none" && setOutcome({ kind: "none" })}
      className="grid gap-4"
      aria-label="Import runs"
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <SearchPicker
            name="testbedId"
            label="Testbed the runs were measured on"
            kind="testbed"
            variant="field"
            inputId="field-testbedId"
            emptyLabel={null}
            initial={testbed}
            onChoose={(item) => remember({ testbedId: item?.id ?? null })}
            describedBy="testbedId-error"
            invalid={!!fieldErrors.testbedId}
          />
          <FieldErrors name="testbedId" errors={fieldErrors.testbedId ?? []} />
        </div>
        <ImportInput name="name" label="New campaign name" maxLength={200} errors={fieldErrors.name} />
      </div>
      <ImportInput
        name="source"
        label="Source (paper, URL, file — shown on the campaign)"
        maxLength={1000}
        defaultValue={source}
        errors={fieldErrors.source}
        onChange={(e) => {
          const value = e.currentTarget.value;
          clearTimeout(typing.current);
          typing.current = setTimeout(() => remember({ source: value.trim() }), 400);
        }}
      />
      <ImportInput
        name="file"
        label={`File (CSV or JSON, as exported — or any CSV table, whose columns you then map; at most ${maxMegabytes} MB and ${maxRows.toLocaleString("en")} runs)`}
        type="file"
        accept=".csv,.json,text/csv,application/json"
        errors={fieldErrors.file}
        onChange={(e) => void inspect(e.currentTarget.files?.[0])}
      />
      {mapped ? (
        <ColumnMappingPanel
          header={mapped.header}
          rows={mapped.rows}
          mapping={mapped.mapping}
          catalog={catalog}
          testbedName={testbed?.name ?? null}
          savedFor={mapped.savedFor}
          onChange={(mapping) =>
            setMapped({ ...mapped, mapping: resolveChoices(mapped.header, mapped.rows, mapping, catalog) })
          }
        />
      ) : null}
      <p className="-mt-2 text-xs text-slate-500">
        Columns and units as in <code>Export CSV</code>: bytes, milliseconds, Gb/s.{" "}
        <a href="/import-template.csv" download className="text-sky-700 underline">
          Download a template CSV
        </a>{" "}
        (four example rows, one of them a failed run).
      </p>

      <div aria-live="polite">
        {busy ? (
          <p role="status" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-800">
            {busy === "preview" ? "Reading and checking every row…" : "Importing…"}
          </p>
        ) : message ? (
          <p
            role={message.error ? "alert" : "status"}
            className={`rounded-md px-3 py-2 text-sm ${message.error ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-700"}`}
          >
            {message.text}
          </p>
        ) : null}
      </div>

      {preview ? (
        <section aria-label="Import preview" className="grid gap-3">
          {preview.duplicateOf ? (
            <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              These runs were already imported from this source:{" "}
              <a href={`/campaigns/${preview.duplicateOf.id}`} className="font-medium underline">
                {preview.duplicateOf.name}
              </a>{" "}
              (campaign #{preview.duplicateOf.id}, {preview.duplicateOf.createdAt.slice(0, 16).replace("T", " ")} UTC).
              Importing again makes a second copy.
            </p>
          ) : null}
          {preview.creates && (preview.creates.links.length > 0 || preview.creates.profiles.length > 0) ? (
            <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
              {[
                preview.creates.links.length
                  ? `adds ${preview.creates.links.length === 1 ? "a new link" : `${preview.creates.links.length} new links`} to the testbed: ${preview.creates.links.map((n) => `“${n}”`).join(", ")}`
                  : "",
                preview.creates.profiles.length
                  ? `creates ${preview.creates.profiles.length === 1 ? "a new VM profile" : `${preview.creates.profiles.length} new VM profiles`}: ${preview.creates.profiles.map((n) => `“${n}”`).join(", ")}`
                  : "",
              ]
                .filter(Boolean)
                .join("; and ")
                .replace(/^./, (c) => `This import ${c}`)}
              .
            </p>
          ) : null}
          <p className="text-sm text-slate-700">
            {preview.total} row{preview.total === 1 ? "" : "s"} read ({preview.format.toUpperCase()}), {preview.valid}{" "}
            valid.
            {preview.errors.length < preview.errorRows
              ? ` The first ${preview.errors.length} problem rows are listed.`
              : ""}
          </p>
          {preview.errors.length ? (
            <DataTable
              label="Row errors"
              bare
              density="compact"
              rows={preview.errors}
              rowKey={(e) => e.row}
              rowClassName={() => "text-red-700"}
              columns={[
                { header: "Row", numeric: true, cell: (e) => (e.row === 0 ? "—" : e.row) },
                { header: "Problems", cell: (e) => e.messages.join("; ") },
              ]}
            />
          ) : null}
          {preview.sample.length ? (
            <div className="overflow-x-auto">
              <p className="mb-1 text-xs text-slate-500">
                {preview.sample.length < preview.valid
                  ? `The first ${preview.sample.length} of ${preview.valid} valid rows:`
                  : "The rows to import:"}
              </p>
              <DataTable
                label="Rows to import"
                bare
                density="compact"
                rows={preview.sample}
                columns={[
                  { header: "Link", cell: (r) => r.link },
                  { header: "VM profile", cell: (r) => r.profile },
                  { header: "Iteration", numeric: true, cell: (r) => r.iteration },
                  { header: "Status", cell: (r) => r.status },
                  { header: "Time", numeric: true, cell: (r) => formatDurationMs(r.durationMs) },
                  { header: "Throughput", numeric: true, cell: (r) => formatGbps(r.throughputGbps) },
                  { header: "Data", numeric: true, cell: (r) => formatBytes(r.transferredBytes) },
                ]}
              />
            </div>
          ) : null}
        </section>
      ) : null}

      <div className="flex gap-3">
        <button
          type="button"
          onClick={() => send("preview")}
          disabled={busy !== null}
          className={BUTTON_CLASSES.secondary}
        >
          {busy === "preview" ? "Reading…" : "Preview"}
        </button>
        <button
          type="button"
          onClick={() => send("import")}
          disabled={busy !== null || !preview || preview.errorRows > 0 || outcome.kind === "refused"}
          className={BUTTON_CLASSES.primary}
        >
          {busy === "import" ? "Importing…" : "Import"}
        </button>
      </div>
    </form>
  );
}

/** A labelled input of the import form with the errors the server gave for it. */
function ImportInput({
  name,
  label,
  errors,
  ...input
}: { name: string; label: string; errors?: string[] } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="text-sm font-medium text-slate-700" htmlFor={`field-${name}`}>
      {label}
      <input
        id={`field-${name}`}
        name={name}
        aria-describedby={`${name}-error`}
        aria-invalid={!!errors}
        className={INPUT}
        {...input}
      />
      <FieldErrors name={name} errors={errors ?? []} />
    </label>
  );
}
