import type { AdapterTestbed } from "./types";

/** A stored testbed as adapters see it: connection settings parsed from JSON. */
export function adapterTestbedOf(row: {
  id: number;
  name: string;
  hypervisor: string;
  sourceHost: string;
  destinationHost: string;
  linkScale: number;
  connectionJson: string;
}): AdapterTestbed {
  let connection: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(row.connectionJson);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) connection = parsed;
  } catch {
    // Validated on write; an unreadable value is treated as empty settings.
  }
  return {
    id: row.id,
    name: row.name,
    hypervisor: row.hypervisor,
    sourceHost: row.sourceHost,
    destinationHost: row.destinationHost,
    linkScale: row.linkScale,
    connection,
  };
}
