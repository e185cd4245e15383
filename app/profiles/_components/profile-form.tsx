"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { PROFILE_BOUNDS, WORKLOADS, WORKLOAD_LABELS } from "@/lib/schemas/profile";
import { FieldGridForm, type FieldSpec } from "@/components/ui/field-grid";

export type ProfileFormValues = {
  name: string;
  memoryGiB: number;
  vcpuCount: number;
  vmCount: number;
  workload: string;
  dirtyRateMBps: number | null;
  workingSetGiB: number | null;
  notes: string;
};

const PROFILE_FIELDS: FieldSpec[] = [
  { kind: "text", name: "name", label: "Name", placeholder: "e.g. 1 × 32 GiB · continuous", wide: true },
  { kind: "number", name: "memoryGiB", label: "Memory per VM (GiB)", bounds: PROFILE_BOUNDS.memoryGiB },
  { kind: "number", name: "vcpuCount", label: "vCPUs per VM", bounds: PROFILE_BOUNDS.vcpuCount, fallback: 1 },
  {
    kind: "number",
    name: "vmCount",
    label: "Number of VMs",
    bounds: PROFILE_BOUNDS.vmCount,
    fallback: 1,
    hint: "Concurrent VMs migrated together.",
  },
  {
    kind: "select",
    name: "workload",
    label: "Memory workload",
    options: WORKLOADS.map((w) => ({ value: w, label: WORKLOAD_LABELS[w] })),
    fallback: "once",
    wide: true,
  },
  {
    kind: "number",
    name: "dirtyRateMBps",
    label: "Dirty rate per VM (MB/s)",
    bounds: PROFILE_BOUNDS.dirtyRateMBps,
    hint: "Continuous workload only.",
  },
  {
    kind: "number",
    name: "workingSetGiB",
    label: "Writable working set (GiB)",
    bounds: PROFILE_BOUNDS.workingSetGiB,
    hint: "Continuous only; blank = all memory.",
  },
  { kind: "gap" },
  { kind: "textarea", name: "notes", label: "Notes", rows: 2, wide: true },
];

/** Create or edit a VM profile. */
export function ProfileForm(props: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial?: ProfileFormValues;
  submitLabel: string;
}) {
  return <FieldGridForm {...props} columns={3} fields={PROFILE_FIELDS} />;
}
