import { storedConnectionSettings } from "@/lib/schemas/connection";
import type { AdapterTestbed } from "./types";

/** A stored testbed as adapters see it: connection settings parsed from JSON. */
export function adapterTestbedOf(row: Omit<AdapterTestbed, "connection"> & { connectionJson: string }): AdapterTestbed {
  const connection = storedConnectionSettings(row.connectionJson);
  // Only the contract's fields: a full row (links, notes, dates) never reaches an adapter.
  const { id, name, hypervisor, sourceHost, destinationHost, linkScale } = row;
  return { id, name, hypervisor, sourceHost, destinationHost, linkScale, connection };
}
