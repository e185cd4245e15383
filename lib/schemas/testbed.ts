import { z } from "zod";
import { BYTES_PER_GIB } from "@/lib/format/units";
import { optionalNumberInput, optionalTextField, textField, type NumberBounds } from "./fields";
import { parseConnection } from "./connection";

export const HYPERVISOR_KINDS = ["simulator", "qemu", "libvirt", "vsphere"] as const;
export type HypervisorKind = (typeof HYPERVISOR_KINDS)[number];

export const HYPERVISOR_LABELS: Record<HypervisorKind, string> = {
  simulator: "Simulator (pre-copy model)",
  qemu: "QEMU (local live migration)",
  libvirt: "libvirt (virsh migrate)",
  vsphere: "VMware vSphere (vMotion)",
};

const MAX_CONNECTION_CHARS = 10_000;

function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The connection settings text of the form: a JSON object, checked per kind below. */
const connectionJson = z
  .preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? "{}" : v), z.string())
  .pipe(z.string().max(MAX_CONNECTION_CHARS, `Connection settings must be at most ${MAX_CONNECTION_CHARS} characters`))
  .refine(
    (text) => jsonObject(text) !== null,
    'Connection settings must be a JSON object, e.g. {"sourceUri": "qemu+ssh://kvm-01/system"}',
  );

/** Bounds of the testbed form's numbers: the schema checks them, the form's inputs carry them. */
export const TESTBED_BOUNDS = {
  hostMemoryGiB: { unit: "GiB", min: 0, minExclusive: true, max: 65_536 },
  linkScale: {
    min: 0,
    minExclusive: true,
    max: 1,
    message: "Link scale must be more than 0 and at most 1 (1 = the real line rate)",
  },
  maxConcurrentRuns: { int: true, min: 1, max: 64 },
} satisfies Record<string, NumberBounds>;

/** A testbed as entered in the testbed form. */
export const testbedSchema = z
  .object({
    name: textField("Name", 200),
    hypervisor: z.enum(HYPERVISOR_KINDS, { error: "Choose a hypervisor kind" }),
    sourceHost: textField("Source host"),
    destinationHost: textField("Destination host"),
    hostMemoryGiB: optionalNumberInput("form", "Host memory", TESTBED_BOUNDS.hostMemoryGiB),
    linkScale: optionalNumberInput("form", "Link scale", TESTBED_BOUNDS.linkScale).transform((v) => v ?? 1),
    maxConcurrentRuns: optionalNumberInput("form", "Concurrent runs", TESTBED_BOUNDS.maxConcurrentRuns).transform(
      (v) => v ?? 2,
    ),
    connectionJson,
    notes: optionalTextField("Notes"),
  })
  .superRefine((t, ctx) => {
    if (t.sourceHost === t.destinationHost)
      ctx.addIssue({
        code: "custom",
        message: "Destination host must differ from the source host",
        path: ["destinationHost"],
      });
    const settings = jsonObject(t.connectionJson);
    const connection = settings ? parseConnection(t.hypervisor, settings) : null;
    if (connection && !connection.ok)
      for (const message of connection.problems) ctx.addIssue({ code: "custom", message, path: ["connectionJson"] });
  })
  .transform(({ hostMemoryGiB, connectionJson, ...rest }) => ({
    ...rest,
    // Stored normalised: the settings as parsed, keys in the order written.
    connectionJson: JSON.stringify(jsonObject(connectionJson)),
    hostMemoryBytes: hostMemoryGiB === undefined ? null : hostMemoryGiB * BYTES_PER_GIB,
  }));

export type TestbedInput = z.output<typeof testbedSchema>;
