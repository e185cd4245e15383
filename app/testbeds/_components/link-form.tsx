"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { FieldGridForm, type FieldSpec } from "@/components/ui/field-grid";
import { LINK_BOUNDS } from "@/lib/schemas/link";

export type LinkFormValues = {
  name: string;
  lineRateGbps: number;
  busLimitGbps: number | null;
  nicModel: string;
  driver: string;
  firmware: string;
  mtuBytes: number;
  pcieGeneration: number | null;
  pcieLanes: number | null;
  emulated: boolean;
  modelStreamCeilingGbps: number | null;
  notes: string;
};

const LINK_FIELDS: FieldSpec[] = [
  { kind: "text", name: "name", label: "Link name", placeholder: "e.g. 25GbE ConnectX-4", wide: true },
  { kind: "number", name: "lineRateGbps", label: "Line rate (Gb/s)", bounds: LINK_BOUNDS.lineRateGbps },
  {
    kind: "number",
    name: "busLimitGbps",
    label: "Bus limit (Gb/s)",
    bounds: LINK_BOUNDS.busLimitGbps,
    hint: "Optional: PCIe ceiling, e.g. 27 for Gen2 x8.",
  },
  { kind: "number", name: "mtuBytes", label: "MTU (bytes)", bounds: LINK_BOUNDS.mtuBytes, fallback: 1500 },
  { kind: "text", name: "nicModel", label: "NIC model" },
  { kind: "text", name: "driver", label: "Driver" },
  { kind: "text", name: "firmware", label: "Firmware" },
  { kind: "number", name: "pcieGeneration", label: "PCIe generation", bounds: LINK_BOUNDS.pcieGeneration },
  { kind: "number", name: "pcieLanes", label: "PCIe lanes", bounds: LINK_BOUNDS.pcieLanes },
  { kind: "checkbox", name: "emulated", label: "Emulated rate (no physical NIC of this speed)" },
  {
    kind: "number",
    name: "modelStreamCeilingGbps",
    label: "Per-stream ceiling (Gb/s)",
    bounds: LINK_BOUNDS.modelStreamCeilingGbps,
    hint: "Optional, for the model: the most one migration stream carries here (a CPU core's worth), as runs see it. Multifd channels multiply it.",
  },
  { kind: "textarea", name: "notes", label: "Notes", rows: 2, wide: true },
];

/** Create or edit a migration link of a testbed. */
export function LinkForm(props: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial?: LinkFormValues;
  submitLabel: string;
}) {
  return <FieldGridForm {...props} label="Link" columns={3} fields={LINK_FIELDS} />;
}
