import type { HypervisorAdapter } from "./types";
import { simulatorAdapter } from "./simulator";
import { qemuAdapter } from "./qemu";
import { vsphereAdapter } from "./vsphere";
import { libvirtAdapter } from "./libvirt";

/**
 * Adapters by testbed hypervisor kind. A kind without an adapter here makes its runs fail with a
 * reason saying so; add an adapter by implementing HypervisorAdapter and listing it.
 */
const ADAPTERS: Record<string, HypervisorAdapter> = {
  [simulatorAdapter.kind]: simulatorAdapter,
  [qemuAdapter.kind]: qemuAdapter,
  [vsphereAdapter.kind]: vsphereAdapter,
  [libvirtAdapter.kind]: libvirtAdapter,
};

/** The adapter for a hypervisor kind, or null when this build has none. */
export function getAdapter(kind: string): HypervisorAdapter | null {
  return ADAPTERS[kind] ?? null;
}

/** Kinds that can run migrations in this build. */
export function availableAdapterKinds(): string[] {
  return Object.keys(ADAPTERS);
}
