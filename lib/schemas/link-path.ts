import { z } from "zod";
import { isBareHost, parseMigrateUri } from "./libvirt-uri";

/**
 * Where a link's migrations travel, one strict schema per hypervisor kind (as connection settings are): on
 * real hosts two links are two paths only when each names its own addresses (libvirt) or VMkernel adapters
 * (vSphere); QEMU's links are emulated on the worker (a namespace and veth per run) and take none. Every key is
 * optional; a link without its own falls back to the testbed-wide default. libvirt's `sourceInterface` /
 * `destinationInterface` name the network interface that carries the link on each host, for the byte counters
 * read around each run (ESXi's counters are not read).
 */

/** A Linux interface name: at most 15 characters, no slash, space or colon-led alias. */
const INTERFACE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,14}$/;
/** A VMkernel network adapter as ESXi names it. */
const VMKNIC = /^vmk(0|[1-9][0-9]{0,2})$/;

const interfaceName = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(INTERFACE, `${label} must be a network interface name such as "ens1f0" (at most 15 characters)`);

const address = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .max(253)
    .refine(isBareHost, `${label} must be a host name or IP address`);

/** libvirt's `--migrateuri`: `tcp://<host>[:port]`, written back from its checked parts (`label` names it in messages). */
export const migrateUriField = (label: string, example = "tcp://<address>[:port]") =>
  z
    .string({ error: `${label} must be text` })
    .max(300)
    .transform((value, ctx) => {
      const uri = parseMigrateUri(value);
      if (uri) return uri;
      ctx.addIssue({ code: "custom", message: `${label} must be "${example}"` });
      return z.NEVER;
    });

const interfaces = {
  sourceInterface: interfaceName("Source interface").optional(),
  destinationInterface: interfaceName("Destination interface").optional(),
};

export const LINK_PATH_SCHEMAS = {
  simulator: z.strictObject({}),
  // Both QEMU processes run on the worker: an emulated link is a namespace and veth per run, nothing to set.
  qemu: z.strictObject({}),
  libvirt: z.strictObject({
    migrateUri: migrateUriField("Migration URI").optional(),
    listenAddress: address("Listen address").optional(),
    bandwidthMiBps: z
      .number({ error: "Bandwidth cap must be a number of MiB/s" })
      .int("Bandwidth cap must be whole MiB/s")
      .min(1, "Bandwidth cap must be at least 1 MiB/s")
      .max(1_000_000, "Bandwidth cap must be at most 1,000,000 MiB/s")
      .optional(),
    ...interfaces,
  }),
  vsphere: z.strictObject({
    sourceVmknic: z.string().regex(VMKNIC, 'Source VMkernel adapter must be like "vmk1"').optional(),
    destinationVmknic: z.string().regex(VMKNIC, 'Destination VMkernel adapter must be like "vmk1"').optional(),
  }),
} as const;

export type LinkPathKind = keyof typeof LINK_PATH_SCHEMAS;
export type LinkPath = {
  migrateUri?: string;
  listenAddress?: string;
  bandwidthMiBps?: number;
  sourceVmknic?: string;
  destinationVmknic?: string;
  sourceInterface?: string;
  destinationInterface?: string;
};

/** Every key any kind accepts, with the words the link form and the testbed page use. */
export const LINK_PATH_FIELDS: Record<keyof LinkPath, { label: string; hint: string; number?: true }> = {
  migrateUri: {
    label: "Migration URI",
    hint: 'virsh --migrateuri for this link, e.g. "tcp://10.40.0.2" (the destination\'s address on this NIC).',
  },
  listenAddress: {
    label: "Listen address",
    hint: "The address the destination listens on for this link's migration stream.",
  },
  bandwidthMiBps: { label: "Bandwidth cap (MiB/s)", hint: "Optional virsh --bandwidth for this link.", number: true },
  sourceVmknic: {
    label: "Source VMkernel adapter",
    hint: 'The vmknic that carries vMotion on the source, e.g. "vmk1".',
  },
  destinationVmknic: {
    label: "Destination VMkernel adapter",
    hint: "The vmknic that carries vMotion on the destination.",
  },
  sourceInterface: {
    label: "Source interface",
    hint: "The source host's interface on this link (for its byte counters), e.g. ens1f0.",
  },
  destinationInterface: { label: "Destination interface", hint: "The destination host's interface on this link." },
};

/** The keys a kind's links take, in the form's order. */
export function linkPathKeys(kind: string): (keyof LinkPath)[] {
  const schema = LINK_PATH_SCHEMAS[kind as LinkPathKind];
  return schema ? (Object.keys(schema.shape) as (keyof LinkPath)[]) : [];
}

/** Checks a link's path settings for its testbed's kind: the settings, or problems keyed by field. */
export function parseLinkPath(
  kind: string,
  value: unknown,
): { ok: true; path: LinkPath } | { ok: false; problems: { key: string; message: string }[] } {
  const schema = LINK_PATH_SCHEMAS[kind as LinkPathKind];
  if (!schema) return { ok: false, problems: [{ key: "", message: `Unknown hypervisor kind "${kind}"` }] };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, path: parsed.data as LinkPath };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap((issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({
            key,
            message: `${key} is not a path setting of ${kind} links (known: ${linkPathKeys(kind).join(", ") || "none"})`,
          }))
        : [{ key: String(issue.path[0] ?? ""), message: issue.message }],
    ),
  };
}

/** A link's stored path settings (validated on write) as an object; anything unreadable counts as none. */
export function storedLinkPath(json: string | null | undefined): LinkPath {
  try {
    const parsed: unknown = JSON.parse(json ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as LinkPath) : {};
  } catch {
    return {};
  }
}

/** The form's name of a path key: its inputs sit beside the link's own fields. */
export const pathFieldName = (key: keyof LinkPath) => `path_${key}`;

/** A link's path settings in a few words ("tcp://10.40.0.2 · listen 10.40.0.2 · ens1f0 → ens1f1"); "" when none. */
export function linkPathSummary(path: LinkPath): string {
  const parts: string[] = [];
  if (path.migrateUri) parts.push(path.migrateUri);
  if (path.listenAddress) parts.push(`listen ${path.listenAddress}`);
  if (path.bandwidthMiBps) parts.push(`≤ ${path.bandwidthMiBps} MiB/s`);
  if (path.sourceVmknic || path.destinationVmknic)
    parts.push(`${path.sourceVmknic ?? "host's vmknic"} → ${path.destinationVmknic ?? "host's vmknic"}`);
  if (path.sourceInterface || path.destinationInterface)
    parts.push(`${path.sourceInterface ?? "?"} → ${path.destinationInterface ?? "?"}`);
  return parts.join(" · ");
}
