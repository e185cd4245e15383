"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { FieldGridForm, type FieldSpec } from "@/components/ui/field-grid";
import { LINK_BOUNDS } from "@/lib/schemas/link";
import { LINK_PATH_FIELDS, linkPathKeys, pathFieldName, storedLinkPath } from "@/lib/schemas/link-path";

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
  pathJson: string;
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

/** What the path section says per kind: why it matters there. */
const PATH_TEXT: Record<string, string> = {
  libvirt:
    "On real hosts each link must name its own addresses, or every link migrates over the testbed's default network (connection settings migrateUri/listenAddress). Interfaces let the worker read the link's byte counters.",
  vsphere:
    "The VMkernel adapter that carries vMotion for this link on each host: selected before each run, the host's own selection restored after it. A testbed whose links select adapters runs one run at a time.",
};

/** The link's fields, then the path settings its testbed's kind takes. */
function linkFields(hypervisor: string): FieldSpec[] {
  const keys = linkPathKeys(hypervisor);
  if (!keys.length) return LINK_FIELDS;
  return [
    ...LINK_FIELDS.filter((f) => f.kind === "gap" || f.kind === "heading" || f.name !== "notes"),
    { kind: "heading", title: "Path on real hosts", text: PATH_TEXT[hypervisor] ?? "" },
    ...keys.map((key): FieldSpec => {
      const { label, hint, number } = LINK_PATH_FIELDS[key];
      return number
        ? { kind: "number", name: pathFieldName(key), label, hint, bounds: { int: true, min: 1, max: 1_000_000 } }
        : { kind: "text", name: pathFieldName(key), label, hint };
    }),
    ...LINK_FIELDS.filter((f) => f.kind !== "gap" && f.kind !== "heading" && f.name === "notes"),
  ];
}

/** The form's starting values: the link's own, with its path settings spread into their inputs. */
function initialValues(initial: LinkFormValues | undefined) {
  if (!initial) return undefined;
  const path = storedLinkPath(initial.pathJson);
  return {
    ...initial,
    ...Object.fromEntries(Object.entries(path).map(([key, value]) => [pathFieldName(key as keyof typeof path), value])),
  };
}

/** Create or edit a migration link of a testbed (of hypervisor kind `hypervisor`). */
export function LinkForm({
  initial,
  hypervisor,
  ...props
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial?: LinkFormValues;
  submitLabel: string;
  hypervisor: string;
}) {
  return (
    <FieldGridForm
      {...props}
      initial={initialValues(initial)}
      label="Link"
      columns={3}
      fields={linkFields(hypervisor)}
    />
  );
}
