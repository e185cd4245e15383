"use client";

import type { ReactNode } from "react";
import type { ActionState } from "@/lib/schemas/action-state";
import type { NumberBounds } from "@/lib/schemas/fields";
import { ActionForm } from "./action-form";
import { CheckboxField, InputField, NumberField, SelectField, TextareaField } from "./form-fields";

type Common = {
  name: string;
  label: string;
  hint?: ReactNode;
  /** Spans the whole row of the grid. */
  wide?: boolean;
};

/** One field of a form, described instead of written out: the grid draws it with its errors and value. */
export type FieldSpec =
  | (Common & { kind: "text"; placeholder?: string })
  | (Common & { kind: "number"; bounds: NumberBounds; fallback?: number })
  | (Common & { kind: "select"; options: { value: string; label: string }[]; fallback: string })
  | (Common & { kind: "textarea"; rows?: number; maxLength?: number; fallback?: string })
  | (Common & { kind: "checkbox" })
  /** An empty cell, to start the next field on a new row. */
  | { kind: "gap" }
  /** A titled section across the whole row, with a sentence under the title. */
  | { kind: "heading"; title: string; text: ReactNode };

type Values = Record<string, string | number | boolean | null | undefined>;

const SPAN = { 2: "sm:col-span-2", 3: "sm:col-span-3" } as const;
const GRID = { 2: "grid max-w-3xl gap-4 sm:grid-cols-2", 3: "grid max-w-3xl gap-4 sm:grid-cols-3" } as const;

function Field({
  spec,
  state,
  initial,
}: {
  spec: Exclude<FieldSpec, { kind: "gap" } | { kind: "heading" }>;
  state: ActionState;
  initial?: Values;
}) {
  const value = initial?.[spec.name];
  const { name, label, hint } = spec;
  switch (spec.kind) {
    case "text":
      return (
        <InputField {...{ name, label, hint, state }} placeholder={spec.placeholder} defaultValue={value as string} />
      );
    case "number":
      return (
        <NumberField
          {...{ name, label, hint, state }}
          bounds={spec.bounds}
          defaultValue={(value as number | null) ?? spec.fallback}
        />
      );
    case "select":
      return (
        <SelectField
          {...{ name, label, hint, state }}
          options={spec.options}
          defaultValue={(value as string) ?? spec.fallback}
        />
      );
    case "textarea":
      return (
        <TextareaField
          {...{ name, label, hint, state }}
          rows={spec.rows}
          maxLength={spec.maxLength}
          defaultValue={(value as string) ?? spec.fallback}
        />
      );
    case "checkbox":
      return (
        <div className="flex items-end pb-2">
          <CheckboxField {...{ name, label, state }} defaultChecked={value as boolean | undefined} />
        </div>
      );
  }
}

/**
 * A create-or-edit form of one record, drawn from its field specs in a grid of 2 or 3 columns: the
 * values it was opened with (or each field's fallback), and after a refusal what was sent and why.
 */
export function FieldGridForm({
  action,
  submitLabel,
  label,
  columns,
  fields,
  initial,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
  /** The form's accessible name. */
  label?: string;
  columns: 2 | 3;
  fields: readonly FieldSpec[];
  initial?: Values;
}) {
  return (
    <ActionForm {...{ action, submitLabel, label }} className={GRID[columns]} footerClassName={SPAN[columns]}>
      {(state) =>
        fields.map((spec, i) =>
          spec.kind === "gap" ? (
            <div key={`gap-${i}`} />
          ) : spec.kind === "heading" ? (
            <div key={`heading-${i}`} className={`${SPAN[columns]} mt-2 border-t border-slate-200 pt-4`}>
              <h3 className="text-sm font-semibold text-slate-800">{spec.title}</h3>
              <p className="mt-1 text-xs text-slate-600">{spec.text}</p>
            </div>
          ) : spec.wide ? (
            <div key={spec.name} className={SPAN[columns]}>
              <Field spec={spec} state={state} initial={initial} />
            </div>
          ) : (
            <Field key={spec.name} spec={spec} state={state} initial={initial} />
          ),
        )
      }
    </ActionForm>
  );
}
