import { storedConnectionSettings } from "@/lib/schemas/connection";
import type { AdapterTestbed } from "./types";
import { getAdapter } from "./registry";
import { noneCapable } from "./common/capabilities";
import type { Capability } from "@/lib/model/migration-settings";

/** A stored testbed as adapters see it: connection settings parsed from JSON. */
export function adapterTestbedOf(row: Omit<AdapterTestbed, "connection"> & { connectionJson: string }): AdapterTestbed {
  const connection = storedConnectionSettings(row.connectionJson);
  // Only the contract's fields: a full row (links, notes, dates) never reaches an adapter.
  const { id, name, hypervisor, sourceHost, destinationHost, linkScale, maxConcurrentRuns } = row;
  return { id, name, hypervisor, sourceHost, destinationHost, linkScale, connection, maxConcurrentRuns };
}

/** Whether campaigns can be launched on a testbed, judged without contacting it (see `settingsProblems`). */
export type Readiness = {
  ready: boolean;
  problems: string[];
  /** Which migration settings its adapter applies (null) and why not (see `capabilities`). */
  capabilities: Record<Capability, string | null>;
};

/**
 * A testbed's readiness from what is stored: it has a link, this build has its adapter, and its connection
 * settings are complete. Contacts nothing and reads no secret, so every page may show it; the adapter
 * check (a POST) is what reaches the hypervisor.
 */
export function testbedReadiness(
  row: Omit<AdapterTestbed, "connection"> & { connectionJson: string; linkCount: number },
): Readiness {
  const problems: string[] = [];
  if (row.linkCount === 0) problems.push("It has no link yet: add one on the testbed's page.");
  const adapter = getAdapter(row.hypervisor);
  if (!adapter) problems.push(`This build has no ${row.hypervisor} adapter: its runs would fail.`);
  else problems.push(...adapter.settingsProblems(adapterTestbedOf(row)));
  const capabilities = adapter
    ? adapter.capabilities(adapterTestbedOf(row))
    : noneCapable(`this build has no ${row.hypervisor} adapter`);
  return { ready: problems.length === 0, problems, capabilities };
}
