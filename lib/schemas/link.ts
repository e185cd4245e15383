import { z } from "zod";
import { checkboxField, idField, numberField, optionalNumberField, optionalTextField, textField } from "./fields";

/** A migration network link as entered in the link form. */
export const linkSchema = z
  .object({
    testbedId: idField,
    name: textField("Name"),
    lineRateGbps: numberField("Line rate", "Gb/s").refine(
      (v) => v > 0 && v <= 1600,
      "Line rate must be more than 0 and at most 1600 Gb/s",
    ),
    busLimitGbps: optionalNumberField("Bus limit", "Gb/s").refine(
      (v) => v === undefined || v > 0,
      "Bus limit must be more than 0 Gb/s (leave blank if the bus is not a limit)",
    ),
    nicModel: optionalTextField("NIC model", 200),
    driver: optionalTextField("Driver", 200),
    firmware: optionalTextField("Firmware", 200),
    mtuBytes: optionalNumberField("MTU", "bytes")
      .refine((v) => v === undefined || (Number.isInteger(v) && v >= 576 && v <= 9216), "MTU must be a whole number of bytes from 576 to 9216")
      .transform((v) => v ?? 1500),
    pcieGeneration: optionalNumberField("PCIe generation").refine(
      (v) => v === undefined || (Number.isInteger(v) && v >= 1 && v <= 7),
      "PCIe generation must be a whole number from 1 to 7",
    ),
    pcieLanes: optionalNumberField("PCIe lanes").refine(
      (v) => v === undefined || [1, 2, 4, 8, 16, 32].includes(v),
      "PCIe lanes must be 1, 2, 4, 8, 16 or 32",
    ),
    emulated: checkboxField,
    notes: optionalTextField("Notes"),
  })
  .transform((l) => ({
    ...l,
    busLimitGbps: l.busLimitGbps ?? null,
    pcieGeneration: l.pcieGeneration ?? null,
    pcieLanes: l.pcieLanes ?? null,
  }));

export type LinkInput = z.output<typeof linkSchema>;

/** The rate a link can actually carry: its line rate, or the bus limit when that is lower. */
export function usableRateGbps(link: { lineRateGbps: number; busLimitGbps: number | null }): number {
  return link.busLimitGbps != null ? Math.min(link.lineRateGbps, link.busLimitGbps) : link.lineRateGbps;
}
