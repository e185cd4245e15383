"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { HYPERVISOR_KINDS, HYPERVISOR_LABELS, TESTBED_BOUNDS } from "@/lib/schemas/testbed";
import { connectionKeys } from "@/lib/schemas/connection";
import { FieldGridForm, type FieldSpec } from "@/components/ui/field-grid";

export type TestbedFormValues = {
  name: string;
  hypervisor: string;
  sourceHost: string;
  destinationHost: string;
  hostMemoryGiB: number | null;
  connectionJson: string;
  notes: string;
  linkScale: number;
  maxConcurrentRuns: number;
};

const CONNECTION_HINT = (
  <>
    A JSON object; unknown keys are refused.{" "}
    {(["qemu", "libvirt", "vsphere"] as const).map((k) => `${k}: ${connectionKeys(k).join(", ")}`).join(" · ")}.
    Credentials only as references — <code>&quot;passwordRef&quot;: &quot;env:MIGBENCH_SECRET_VC&quot;</code> or{" "}
    <code>&quot;file:vc-password&quot;</code> (a file in the secrets directory) — read only when a run or a check
    executes.
  </>
);

const TESTBED_FIELDS: FieldSpec[] = [
  { kind: "text", name: "name", label: "Name", placeholder: "e.g. Rack 4 — ESXi 8 pair", wide: true },
  {
    kind: "select",
    name: "hypervisor",
    label: "Hypervisor",
    options: HYPERVISOR_KINDS.map((k) => ({ value: k, label: HYPERVISOR_LABELS[k] })),
    fallback: "simulator",
  },
  {
    kind: "number",
    name: "hostMemoryGiB",
    label: "Host memory (GiB)",
    bounds: TESTBED_BOUNDS.hostMemoryGiB,
    hint: "Optional. Memory of each host.",
  },
  { kind: "text", name: "sourceHost", label: "Source host" },
  { kind: "text", name: "destinationHost", label: "Destination host" },
  {
    kind: "number",
    name: "linkScale",
    label: "Link scale",
    bounds: TESTBED_BOUNDS.linkScale,
    fallback: 1,
    hint: "Emulated links run at usable rate × this (0.1: 10GbE → 1 Gb/s). 1 = line rate.",
  },
  {
    kind: "number",
    name: "maxConcurrentRuns",
    label: "Concurrent runs",
    bounds: TESTBED_BOUNDS.maxConcurrentRuns,
    fallback: 2,
    hint: "Runs of this testbed migrating at the same time.",
  },
  {
    kind: "textarea",
    name: "connectionJson",
    label: "Connection settings (JSON)",
    rows: 5,
    maxLength: 10_000,
    fallback: "{}",
    hint: CONNECTION_HINT,
    wide: true,
  },
  { kind: "textarea", name: "notes", label: "Notes", wide: true },
];

/** Create or edit a testbed. */
export function TestbedForm(props: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial?: TestbedFormValues;
  submitLabel: string;
}) {
  return <FieldGridForm {...props} columns={2} fields={TESTBED_FIELDS} />;
}
