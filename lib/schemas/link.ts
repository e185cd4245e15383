import { z } from "zod";
import {
  checkboxField,
  idInput,
  numberInput,
  optionalNumberInput,
  optionalTextField,
  textField,
  type NumberBounds,
} from "./fields";
import { LINK_PATH_FIELDS, pathFieldName, type LinkPath } from "./link-path";

/** The fastest line rate or bus limit a link may have, in Gb/s. */
export const MAX_LINK_GBPS = 1600;

/** Bounds of the link form's numbers: the schema checks them, the form's inputs carry them. */
export const LINK_BOUNDS = {
  lineRateGbps: { unit: "Gb/s", min: 0, minExclusive: true, max: MAX_LINK_GBPS },
  busLimitGbps: {
    unit: "Gb/s",
    min: 0,
    minExclusive: true,
    max: MAX_LINK_GBPS,
    message: `Bus limit must be more than 0 and at most ${MAX_LINK_GBPS} Gb/s (leave blank if the bus is not a limit)`,
  },
  mtuBytes: {
    unit: "bytes",
    int: true,
    min: 576,
    max: 9216,
    message: "MTU must be a whole number of bytes from 576 to 9216",
  },
  pcieGeneration: { int: true, min: 1, max: 7 },
  modelStreamCeilingGbps: {
    unit: "Gb/s",
    min: 0,
    minExclusive: true,
    max: MAX_LINK_GBPS,
    message: `Per-stream ceiling must be more than 0 and at most ${MAX_LINK_GBPS} Gb/s (leave blank for none)`,
  },
  /** The form's range; the schema also accepts only powers of two. */
  pcieLanes: { int: true, min: 1, max: 32 },
} satisfies Record<string, NumberBounds>;

/**
 * The link form's path inputs (path_migrateUri, …), each bounded text or number; which of them a link of its
 * testbed's kind may set is checked where the kind is known (lib/operations/links.ts, ./link-path.ts).
 */
const pathInputs = Object.fromEntries(
  (Object.keys(LINK_PATH_FIELDS) as (keyof LinkPath)[]).map((key) => [
    pathFieldName(key),
    LINK_PATH_FIELDS[key].number
      ? optionalNumberInput("form", LINK_PATH_FIELDS[key].label)
      : optionalTextField(LINK_PATH_FIELDS[key].label, 300),
  ]),
) as Record<string, ReturnType<typeof optionalTextField> | ReturnType<typeof optionalNumberInput>>;

/** The path inputs that were filled in, as the stored object's JSON (empty inputs fall back to the testbed's). */
function pathJsonOf(fields: Record<string, unknown>): string {
  const path: Record<string, unknown> = {};
  for (const key of Object.keys(LINK_PATH_FIELDS)) {
    const value = fields[pathFieldName(key as keyof LinkPath)];
    if (value !== undefined && value !== "") path[key] = value;
  }
  return JSON.stringify(path);
}

/** A migration network link as entered in the link form. */
export const linkSchema = z
  .object({
    ...pathInputs,
    testbedId: idInput("form", "Invalid testbed"),
    name: textField("Name", 200),
    lineRateGbps: numberInput("form", "Line rate", LINK_BOUNDS.lineRateGbps),
    busLimitGbps: optionalNumberInput("form", "Bus limit", LINK_BOUNDS.busLimitGbps),
    nicModel: optionalTextField("NIC model", 200),
    driver: optionalTextField("Driver", 200),
    firmware: optionalTextField("Firmware", 200),
    mtuBytes: optionalNumberInput("form", "MTU", LINK_BOUNDS.mtuBytes).transform((v) => v ?? 1500),
    pcieGeneration: optionalNumberInput("form", "PCIe generation", LINK_BOUNDS.pcieGeneration),
    pcieLanes: optionalNumberInput("form", "PCIe lanes").refine(
      (v) => v === undefined || [1, 2, 4, 8, 16, 32].includes(v),
      "PCIe lanes must be 1, 2, 4, 8, 16 or 32",
    ),
    emulated: checkboxField,
    modelStreamCeilingGbps: optionalNumberInput("form", "Per-stream ceiling", LINK_BOUNDS.modelStreamCeilingGbps),
    notes: optionalTextField("Notes"),
  })
  .transform(({ testbedId, name, lineRateGbps, busLimitGbps, nicModel, driver, firmware, mtuBytes, ...l }) => ({
    testbedId,
    name,
    lineRateGbps,
    nicModel,
    driver,
    firmware,
    mtuBytes,
    emulated: l.emulated,
    notes: l.notes,
    /** Checked against the testbed's kind before it is stored. */
    pathJson: pathJsonOf(l),
    busLimitGbps: busLimitGbps ?? null,
    modelStreamCeilingGbps: l.modelStreamCeilingGbps ?? null,
    pcieGeneration: l.pcieGeneration ?? null,
    pcieLanes: l.pcieLanes ?? null,
  }));

export type LinkInput = z.output<typeof linkSchema>;
