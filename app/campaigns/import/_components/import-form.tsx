"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { formatBytes, formatDurationMs, formatGbps } from "@/lib/format/units";
import { BUTTON_CLASSES } from "@/components/ui/button-link";
import { SearchPicker } from "@/components/ui/search-picker";
import type { ImportPreview } from "@/lib/import/parse";
import type { FieldErrors } from "@/lib/schemas/fields";

const INPUT = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

type Outcome =
  | { kind: "none" }
  | { kind: "preview"; preview: ImportPreview }
  | { kind: "refused"; message: string; fieldErrors: FieldErrors; preview?: ImportPreview };

function Errors({ errors, name }: { errors: FieldErrors; name: string }) {
  return (
    <div id={`${name}-error`} aria-live="polite">
      {(errors[name] ?? []).map((e) => (
        <p key={e} className="mt-1 text-sm font-normal text-red-600">
          {e}
        </p>
      ))}
    </div>
  );
}

export type ImportFormProps = { maxMegabytes: number; maxRows: number };

/**
 * Import runs from CSV or JSON: the file is streamed to POST /api/imports, checked row by row
 * (preview), then written all-or-nothing (import).
 */
export function ImportForm({ maxMegabytes, maxRows }: ImportFormProps) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState<null | "preview" | "import">(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "none" });
  const fieldErrors = outcome.kind === "refused" ? outcome.fieldErrors : {};
  const preview = outcome.kind === "none" ? undefined : outcome.preview;

  async function send(intent: "preview" | "import") {
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
    setBusy(intent);
    try {
      const res = await fetch(`/api/imports?${params}`, {
        method: "POST",
        body: file,
        headers: { "content-type": type },
      });
      const body = await res.json().catch(() => ({ error: { message: `The server answered ${res.status}` } }));
      if (res.status === 201) {
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
            initial={null}
            describedBy="testbedId-error"
            invalid={!!fieldErrors.testbedId}
          />
          <Errors errors={fieldErrors} name="testbedId" />
        </div>
        <label className="text-sm font-medium text-slate-700" htmlFor="field-name">
          New campaign name
          <input
            id="field-name"
            name="name"
            maxLength={200}
            aria-describedby="name-error"
            aria-invalid={!!fieldErrors.name}
            className={INPUT}
          />
          <Errors errors={fieldErrors} name="name" />
        </label>
      </div>
      <label className="text-sm font-medium text-slate-700" htmlFor="field-source">
        Source (paper, URL, file — shown on the campaign)
        <input
          id="field-source"
          name="source"
          maxLength={1000}
          aria-describedby="source-error"
          aria-invalid={!!fieldErrors.source}
          className={INPUT}
        />
        <Errors errors={fieldErrors} name="source" />
      </label>
      <label className="text-sm font-medium text-slate-700" htmlFor="field-file">
        File (CSV or JSON, as exported; at most {maxMegabytes} MB and {maxRows.toLocaleString("en")} runs)
        <input
          id="field-file"
          name="file"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          aria-describedby="file-error"
          aria-invalid={!!fieldErrors.file}
          className={INPUT}
        />
        <Errors errors={fieldErrors} name="file" />
      </label>

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
          <p className="text-sm text-slate-700">
            {preview.total} row{preview.total === 1 ? "" : "s"} read ({preview.format.toUpperCase()}), {preview.valid}{" "}
            valid.
            {preview.errors.length < preview.errorRows
              ? ` The first ${preview.errors.length} problem rows are listed.`
              : ""}
          </p>
          {preview.errors.length ? (
            <div className="overflow-x-auto">
              <table aria-label="Row errors" className="min-w-full text-sm">
                <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="px-3 py-1">Row</th>
                    <th className="px-3 py-1">Problems</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-red-100">
                  {preview.errors.map((e) => (
                    <tr key={e.row}>
                      <td className="num px-3 py-1 text-red-700">{e.row === 0 ? "—" : e.row}</td>
                      <td className="px-3 py-1 text-red-700">{e.messages.join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {preview.sample.length ? (
            <div className="overflow-x-auto">
              <p className="mb-1 text-xs text-slate-500">
                {preview.sample.length < preview.valid
                  ? `The first ${preview.sample.length} of ${preview.valid} valid rows:`
                  : "The rows to import:"}
              </p>
              <table aria-label="Rows to import" className="min-w-full text-sm">
                <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="px-3 py-1">Link</th>
                    <th className="px-3 py-1">VM profile</th>
                    <th className="px-3 py-1 text-right">Iteration</th>
                    <th className="px-3 py-1">Status</th>
                    <th className="px-3 py-1 text-right">Time</th>
                    <th className="px-3 py-1 text-right">Throughput</th>
                    <th className="px-3 py-1 text-right">Data</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {preview.sample.map((r, i) => (
                    <tr key={i}>
                      <td className="px-3 py-1">{r.link}</td>
                      <td className="px-3 py-1">{r.profile}</td>
                      <td className="num px-3 py-1 text-right">{r.iteration}</td>
                      <td className="px-3 py-1">{r.status}</td>
                      <td className="num px-3 py-1 text-right">{formatDurationMs(r.durationMs)}</td>
                      <td className="num px-3 py-1 text-right">{formatGbps(r.throughputGbps)}</td>
                      <td className="num px-3 py-1 text-right">{formatBytes(r.transferredBytes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
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
