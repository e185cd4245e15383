"use client";

import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/schemas/action-state";
import { BUTTON_CLASSES } from "./button-link";
import { MAX_EMAIL, MAX_PASSWORD, MIN_PASSWORD } from "@/lib/schemas/auth";
import type { NumberBounds } from "@/lib/schemas/fields";

const INPUT =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-200 aria-[invalid=true]:border-red-400";

type BaseProps = {
  name: string;
  label: string;
  state: ActionState;
  defaultValue?: string | number | null;
  hint?: React.ReactNode;
  required?: boolean;
};

/** The messages a refused action left for one field (none after a success or before any answer). */
export function errorsFor(state: ActionState, name: string): string[] {
  return state.ok === false ? (state.fieldErrors[name] ?? []) : [];
}

function valueFor(state: ActionState, name: string, fallback?: string | number | null): string {
  if (state.ok === false && name in state.values) return state.values[name];
  return fallback == null ? "" : String(fallback);
}

function FieldShell({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: string;
  label: string;
  hint?: React.ReactNode;
  errors: string[];
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={`field-${name}`} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors name={name} errors={errors} />
    </div>
  );
}

/**
 * A field's error messages in a live region whose id (`<name>-error`) the input points to with
 * aria-describedby, so screen readers read them with the field.
 */
export function FieldErrors({ name, errors }: { name: string; errors: readonly string[] }) {
  return (
    <div id={`${name}-error`} aria-live="polite" aria-atomic="true">
      {errors.map((e) => (
        <p key={e} className="mt-1 text-sm font-normal text-red-600">
          {e}
        </p>
      ))}
    </div>
  );
}

function describedBy(name: string, hint?: React.ReactNode) {
  return hint ? `${name}-error ${name}-hint` : `${name}-error`;
}

type ControlProps = {
  id: string;
  name: string;
  "aria-invalid": boolean;
  "aria-describedby": string;
  className: string;
};

/** A field's label, hint and errors around its control, which gets its id, name and error state from here. */
function Labelled({ field, children }: { field: BaseProps; children: (control: ControlProps) => React.ReactNode }) {
  const errors = errorsFor(field.state, field.name);
  const control = {
    id: `field-${field.name}`,
    name: field.name,
    "aria-invalid": errors.length > 0,
    "aria-describedby": describedBy(field.name, field.hint),
    className: INPUT,
  };
  return (
    <FieldShell name={field.name} label={field.label} hint={field.hint} errors={errors}>
      {children(control)}
    </FieldShell>
  );
}

/** A labelled text or number input with its errors below it. */
export function InputField({
  type = "text",
  step,
  placeholder,
  autoComplete,
  maxLength,
  min,
  max,
  keepValue = true,
  ...props
}: BaseProps & {
  type?: string;
  step?: string;
  placeholder?: string;
  autoComplete?: string;
  /** The schema's bounds, so the browser helps too (the server still checks and explains). */
  maxLength?: number;
  min?: number;
  max?: number;
  /** false for passwords: never refilled after a refusal. */
  keepValue?: boolean;
}) {
  return (
    <Labelled field={props}>
      {(control) => (
        <input
          {...control}
          type={type}
          step={step}
          placeholder={placeholder}
          autoComplete={autoComplete}
          maxLength={maxLength ?? (type === "text" || type === "email" ? 200 : undefined)}
          min={min}
          max={max}
          // Browser-side number checks would hide the server's messages; the schema validates.
          inputMode={type === "number" ? "decimal" : undefined}
          defaultValue={keepValue ? valueFor(props.state, props.name, props.defaultValue) : undefined}
        />
      )}
    </Labelled>
  );
}

/** A labelled select. */
export function SelectField({ options, ...props }: BaseProps & { options: { value: string; label: string }[] }) {
  return (
    <Labelled field={props}>
      {(control) => (
        <select {...control} defaultValue={valueFor(props.state, props.name, props.defaultValue)}>
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** A labelled multi-line text input. */
export function TextareaField({
  rows = 3,
  maxLength = 2000,
  ...props
}: BaseProps & { rows?: number; maxLength?: number }) {
  return (
    <Labelled field={props}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          maxLength={maxLength}
          defaultValue={valueFor(props.state, props.name, props.defaultValue)}
          className={`${control.className} font-mono`}
        />
      )}
    </Labelled>
  );
}

/** A checkbox with its label on the right. */
export function CheckboxField({
  name,
  label,
  state,
  defaultChecked,
  hint,
}: {
  name: string;
  label: string;
  state: ActionState;
  defaultChecked?: boolean;
  hint?: string;
}) {
  const checked = state.ok === false && "values" in state ? state.values[name] === "on" : defaultChecked;
  return (
    <div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name={name} defaultChecked={checked} className="h-4 w-4 rounded border-slate-300" />
        {label}
      </label>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

/** The form-level message: a summary of what failed, or a confirmation. */
export function FormMessage({ state, className = "" }: { state: ActionState; className?: string }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {state.ok === false ? (
        <p role="alert" className={`rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ${className}`.trim()}>
          {state.message}
        </p>
      ) : state.ok === true && state.message ? (
        <p className={`rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700 ${className}`.trim()}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

/** Submit button, disabled while the form is being sent. */
export function SubmitButton({
  children,
  pendingLabel = "Saving…",
  variant = "primary",
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: keyof typeof BUTTON_CLASSES;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={BUTTON_CLASSES[variant]}>
      {pending ? pendingLabel : children}
    </button>
  );
}

/**
 * A password input: never sent back after a refusal, at most MAX_PASSWORD characters, and the browser's
 * password manager told whether it is the current password or a new one.
 */
export function PasswordField({
  name,
  label,
  state,
  isNew,
  hint,
}: {
  name: string;
  label: string;
  state: ActionState;
  isNew: boolean;
  hint?: React.ReactNode;
}) {
  return (
    <InputField
      name={name}
      label={label}
      type="password"
      autoComplete={isNew ? "new-password" : "current-password"}
      state={state}
      maxLength={MAX_PASSWORD}
      keepValue={false}
      hint={hint}
    />
  );
}

/**
 * A number input whose min, max and step come from the bounds its schema checks (step "any" for
 * decimals), so the form and the server never disagree about the range.
 */
export function NumberField({
  bounds,
  ...props
}: {
  name: string;
  label: string;
  state: ActionState;
  bounds: NumberBounds;
  defaultValue?: number | null;
  hint?: React.ReactNode;
}) {
  return (
    <InputField
      {...props}
      defaultValue={props.defaultValue ?? undefined}
      type="number"
      step={bounds.int ? "1" : "any"}
      min={bounds.min}
      max={bounds.max}
    />
  );
}

/** A new password and the same again; the first says how long it must be (after `hint`, if any). */
export function NewPasswordFields({
  state,
  name = "password",
  label = "Password",
  confirmLabel = "Password again",
}: {
  state: ActionState;
  name?: string;
  label?: string;
  confirmLabel?: string;
}) {
  return (
    <>
      <PasswordField {...{ name, label, state }} isNew hint={`At least ${MIN_PASSWORD} characters.`} />
      <PasswordField name="confirm" label={confirmLabel} state={state} isNew={true} />
    </>
  );
}

/** An email address field; `signIn` lets the browser offer the saved account. */
export function EmailField({ state, signIn = false }: { state: ActionState; signIn?: boolean }) {
  return (
    <InputField
      name="email"
      label="Email"
      type="email"
      autoComplete={signIn ? "username" : "off"}
      state={state}
      maxLength={MAX_EMAIL}
    />
  );
}
