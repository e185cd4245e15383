"use server";

import { formAction } from "@/lib/http/server-actions";
import { saveImportMappingAs } from "@/lib/operations/import-mappings";
import { saveImportMappingSchema } from "@/lib/schemas/import-mapping";

/** A plain object sent by the import form (not FormData: a mapping is nested). */
const plainObject = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof FormData)
    ? (value as Record<string, unknown>)
    : null;

/** Keeps the column mapping of an import for its testbed and source (the import form calls it on Import). */
export async function saveImportMappingAction(input: unknown) {
  return formAction(
    "operator",
    input,
    saveImportMappingSchema,
    saveImportMappingAs,
    { refresh: [] },
    { read: plainObject },
  );
}
