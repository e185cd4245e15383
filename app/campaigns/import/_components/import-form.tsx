"use client";

import { useActionState } from "react";
import { formatBytes, formatDurationMs, formatGbps } from "@/lib/format/units";
import { BUTTON_CLASSES } from "@/components/ui/button-link";
import type { ImportState } from "../actions";

const INPUT = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

function Errors({ state, name }: { state: ImportState; name: string }) {
  return (
    <div id={`${name}-error`} aria-live="polite">
      {(state.fieldErrors?.[name] ?? []).map((e) => (
        <p key={e} className="mt-1 text-sm text-red-600">{e}</p>
      ))}
    </div>
  );
}

/** Import runs from CSV or JSON: preview with per-row errors first, then all-or-nothing import. */
export function ImportForm({ action, testbeds }: { action: (s: ImportState, f: FormData) => Promise<ImportState>; testbeds: { id: number; name: string }[] }) {
  const [state, formAction, pending] = useActionState(action, { ok: null } as ImportState);
  const v = state.values ?? {};
  const preview = state.preview;
  return (
    <form key={state.attempt ?? "new"} action={formAction} className="grid gap-4" aria-label="Import runs">
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="text-sm font-medium text-slate-700" htmlFor="field-testbedId">
          Testbed the runs were measured on
          <select id="field-testbedId" name="testbedId" defaultValue={v.testbedId ?? ""} aria-describedby="testbedId-error" className={INPUT}>
            <option value="">Choose…</option>
            {testbeds.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
          <Errors state={state} name="testbedId" />
        </label>
        <label className="text-sm font-medium text-slate-700" htmlFor="field-name">
          New campaign name
          <input id="field-name" name="name" defaultValue={v.name ?? ""} aria-describedby="name-error" className={INPUT} />
          <Errors state={state} name="name" />
        </label>
      </div>
      <label className="text-sm font-medium text-slate-700" htmlFor="field-source">
        Source (paper, URL, file — shown on the campaign)
        <input id="field-source" name="source" defaultValue={v.source ?? ""} aria-describedby="source-error" className={INPUT} />
        <Errors state={state} name="source" />
      </label>
      <label className="text-sm font-medium text-slate-700" htmlFor="field-file">
        File (CSV or JSON, as exported)
        <input id="field-file" name="file" type="file" accept=".csv,.json,text/csv,application/json" aria-describedby="file-error" className={INPUT} />
        {state.content ? <span className="mt-1 block text-xs font-normal text-slate-500">The file previewed last is kept; choose another to replace it.</span> : null}
        <Errors state={state} name="file" />
      </label>
      <input type="hidden" name="content" value={state.content ?? ""} />

      <div aria-live="polite">
        {state.message ? (
          <p role={state.ok === false ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ${state.ok === false ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-700"}`}>
            {state.message}
          </p>
        ) : null}
      </div>

      {preview ? (
        <section aria-label="Import preview" className="grid gap-3">
          <p className="text-sm text-slate-700">
            {preview.total} row{preview.total === 1 ? "" : "s"} read, {preview.valid} valid.
          </p>
          {preview.errors.length ? (
            <table aria-label="Row errors" className="min-w-full text-sm">
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                <tr><th className="px-3 py-1">Row</th><th className="px-3 py-1">Problems</th></tr>
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
          ) : null}
          {preview.sample.length ? (
            <table aria-label="Rows to import" className="min-w-full text-sm">
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-3 py-1">Link</th><th className="px-3 py-1">VM profile</th><th className="px-3 py-1 text-right">Iteration</th>
                  <th className="px-3 py-1">Status</th><th className="px-3 py-1 text-right">Time</th><th className="px-3 py-1 text-right">Throughput</th><th className="px-3 py-1 text-right">Data</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.sample.map((r, i) => (
                  <tr key={i}>
                    <td className="px-3 py-1">{r.link}</td><td className="px-3 py-1">{r.profile}</td><td className="num px-3 py-1 text-right">{r.iteration}</td>
                    <td className="px-3 py-1">{r.status}</td><td className="num px-3 py-1 text-right">{formatDurationMs(r.durationMs)}</td>
                    <td className="num px-3 py-1 text-right">{formatGbps(r.throughputGbps)}</td><td className="num px-3 py-1 text-right">{formatBytes(r.transferredBytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      <div className="flex gap-3">
        <button type="submit" name="intent" value="preview" disabled={pending} className={BUTTON_CLASSES.secondary}>
          {pending ? "Reading…" : "Preview"}
        </button>
        <button type="submit" name="intent" value="import" disabled={pending || !preview || preview.errors.length > 0 || state.ok === false} className={BUTTON_CLASSES.primary}>
          Import
        </button>
      </div>
    </form>
  );
}
