import { parseConnection, type CONNECTION_SCHEMAS } from "@/lib/schemas/connection";
import type { z } from "zod";
import type { AdapterTestbed } from "../types";

type Kind = keyof typeof CONNECTION_SCHEMAS;
type Settings<K extends Kind> = z.output<(typeof CONNECTION_SCHEMAS)[K]>;

/**
 * A testbed's connection settings as its adapter reads them: checked by the kind's schema (the one
 * the testbed form uses), then each setting the adapter cannot work without named with what to put
 * there. The problems are what check() reports and why a run fails.
 */
export function adapterSettings<K extends Kind>(
  kind: K,
  testbed: AdapterTestbed,
  required: Partial<Record<keyof Settings<K>, string>> = {},
): { settings: Settings<K> } | { problems: string[] } {
  const parsed = parseConnection(kind, testbed.connection);
  if (!parsed.ok) return { problems: parsed.problems.map((p) => `Connection settings: ${p}`) };
  const settings = parsed.settings as Record<string, unknown>;
  const problems = Object.entries(required as Record<string, string>)
    .filter(([key]) => {
      const value = settings[key];
      return value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
    })
    .map(([, problem]) => problem);
  return problems.length ? { problems } : { settings: parsed.settings };
}
