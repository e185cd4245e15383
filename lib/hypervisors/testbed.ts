import type { AdapterTestbed } from "./types";

/** A stored testbed as adapters see it: connection settings parsed from JSON. */
export function adapterTestbedOf(row: Omit<AdapterTestbed, "connection"> & { connectionJson: string }): AdapterTestbed {
  let connection: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(row.connectionJson);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) connection = parsed;
  } catch {
    // Validated on write; an unreadable value is treated as empty settings.
  }
  // Only the contract's fields: a full row (links, notes, dates) never reaches an adapter.
  const { id, name, hypervisor, sourceHost, destinationHost, linkScale } = row;
  return { id, name, hypervisor, sourceHost, destinationHost, linkScale, connection };
}
