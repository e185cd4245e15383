import { z } from "zod";
import { parseSecretReference, SECRET_REFERENCE_HINT } from "@/lib/secrets/references";
import { formatLibvirtUri, isBareHost, MAX_LIBVIRT_URI_CHARS, parseLibvirtUri } from "./libvirt-uri";
import { migrateUriField } from "./link-path";

/**
 * Connection settings, one strict schema per hypervisor kind: unknown keys are refused (so a
 * password cannot hide under another key), URIs and URLs are parsed and checked against allow-lists.
 * The testbed form, the adapters and the tests all use these. Every key is optional when stored (a
 * testbed may hold only imported results); an adapter says which ones a run needs.
 *
 * Allow-lists come from the environment of the app and the workers:
 *   MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS  libvirt URI query parameters allowed beyond the safe ones
 *                                        (./libvirt-uri.ts)
 *   MIGBENCH_RUN_AS_USERS                users virsh may run as ("runAs")
 */

const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,31}$/;
const ABSOLUTE_PATH = /^\/(?:[A-Za-z0-9._-]+\/?)*$/;

function csvEnv(name: string): string[] {
  return (process.env[name] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const secretReference = z
  .string()
  .max(220)
  .superRefine((value, ctx) => {
    const parsed = parseSecretReference(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
  });

const seconds = (label: string, max = 86_400) =>
  z
    .number({ error: `${label} must be a number of seconds` })
    .int(`${label} must be whole seconds`)
    .min(1)
    .max(max, `${label} must be at most ${max} s`);
const netnsName = (label: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, `${label} must be a network namespace name (letters, digits, . _ -)`);
const flag = (label: string) => z.boolean({ error: `${label} must be true or false` });

export const simulatorConnectionSchema = z.strictObject({});

export const qemuConnectionSchema = z.strictObject({
  runTimeoutSec: seconds("runTimeoutSec").optional(),
  downtimeLimitMs: z
    .number({ error: "downtimeLimitMs must be a number of milliseconds" })
    .int()
    .min(1)
    .max(60_000)
    .optional(),
  autoConverge: flag("autoConverge").optional(),
  shaping: z.enum(["auto", "max-bandwidth", "tc"], { error: 'shaping is "auto", "max-bandwidth" or "tc"' }).optional(),
});

/**
 * A libvirt URI, read with libvirt's grammar (./libvirt-uri.ts); what adapters get is the URI written
 * back from its checked parts, never the string as typed.
 */
const libvirtUri = z
  .string()
  .max(MAX_LIBVIRT_URI_CHARS)
  .transform((value, ctx) => {
    const parsed = parseLibvirtUri(value);
    if (parsed.ok) return formatLibvirtUri(parsed.uri);
    ctx.addIssue({ code: "custom", message: parsed.problem });
    return z.NEVER;
  });

export const libvirtConnectionSchema = z.strictObject({
  sourceUri: libvirtUri.optional(),
  destinationUri: libvirtUri.optional(),
  runAs: z
    .string()
    .refine(
      (u) => USER_NAME.test(u) && csvEnv("MIGBENCH_RUN_AS_USERS").includes(u),
      "runAs must be a user listed in MIGBENCH_RUN_AS_USERS",
    )
    .optional(),
  migrateUri: migrateUriField("migrateUri", "tcp://<host>[:port]").optional(),
  listenAddress: z.string().max(253).refine(isBareHost, "listenAddress must be a host name or IP address").optional(),
  /**
   * For a lab on one machine whose "hosts" are network namespaces: the namespace each daemon runs in, where the
   * worker reads the link's interface counters (`ip netns exec`).
   */
  sourceNetns: netnsName("sourceNetns").optional(),
  destinationNetns: netnsName("destinationNetns").optional(),
  unsafe: flag("unsafe").optional(),
  autoConverge: flag("autoConverge").optional(),
  postcopy: flag("postcopy").optional(),
  parallelConnections: z
    .number({ error: "parallelConnections must be a number" })
    .int()
    .min(1)
    .max(16, "parallelConnections must be at most 16")
    .optional(),
  runTimeoutSec: seconds("runTimeoutSec").optional(),
  workDir: z
    .string()
    .max(300)
    .refine((p) => ABSOLUTE_PATH.test(p) && !p.split("/").includes(".."), "workDir must be an absolute path without ..")
    .optional(),
});

export const vsphereConnectionSchema = z.strictObject({
  url: z
    .string()
    .max(300)
    .superRefine((value, ctx) => {
      // The URL parser drops tabs and line breaks silently: refuse them, so what is checked is what was typed.
      if (!/^[\x21-\x7e]+$/.test(value)) {
        ctx.addIssue({ code: "custom", message: "url must not contain spaces, control or non-ASCII characters" });
        return;
      }
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: "custom", message: 'url must be the vCenter address, e.g. "https://vc.example.com"' });
        return;
      }
      if (url.protocol !== "https:")
        ctx.addIssue({
          code: "custom",
          message: "url must start with https:// (plain HTTP would send the password in clear)",
        });
      else if (url.username || url.password || url.search || url.hash || !["/", "/sdk"].includes(url.pathname)) {
        ctx.addIssue({
          code: "custom",
          message: 'url must be just the vCenter address, e.g. "https://vc.example.com" (no user, query or path)',
        });
      }
    })
    .optional(),
  username: z.string().min(1).max(200).optional(),
  passwordRef: secretReference.optional(),
  /** The CA certificate (PEM) to verify vCenter against, as a reference like passwordRef. */
  caRef: secretReference.optional(),
  insecure: flag("insecure").optional(),
  vms: z.array(z.string().trim().min(1).max(80), { error: "vms must be a list of VM names" }).max(64).optional(),
  taskTimeoutSec: seconds("taskTimeoutSec").optional(),
});

export type QemuConnection = z.output<typeof qemuConnectionSchema>;
export type LibvirtConnection = z.output<typeof libvirtConnectionSchema>;
export type VsphereConnection = z.output<typeof vsphereConnectionSchema>;

export const CONNECTION_SCHEMAS = {
  simulator: simulatorConnectionSchema,
  qemu: qemuConnectionSchema,
  libvirt: libvirtConnectionSchema,
  vsphere: vsphereConnectionSchema,
} as const;

/** The keys each kind accepts, for help texts and messages. */
export function connectionKeys(kind: keyof typeof CONNECTION_SCHEMAS): string[] {
  return Object.keys(CONNECTION_SCHEMAS[kind].shape);
}

/** Issues of a connection schema as sentences naming the key. */
export function connectionProblems(kind: keyof typeof CONNECTION_SCHEMAS, error: z.ZodError): string[] {
  const known = connectionKeys(kind);
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.map((k) => `"${k}"`).join(", ");
      return known.length
        ? `${keys} ${issue.keys.length === 1 ? "is not a setting" : "are not settings"} of ${kind} testbeds (known: ${known.join(", ")}); credentials go in references such as passwordRef`
        : `${kind} testbeds take no connection settings (${keys} given)`;
    }
    const where = issue.path.length ? issue.path.join(".") : "settings";
    return issue.message.startsWith(String(issue.path[0] ?? "\u0000")) ? issue.message : `${where}: ${issue.message}`;
  });
}

/**
 * Parses connection settings of a kind: the settings, or the problems in words. Used by the
 * testbed form on write and by each adapter before it touches anything.
 */
export function parseConnection<K extends keyof typeof CONNECTION_SCHEMAS>(
  kind: K,
  value: unknown,
): { ok: true; settings: z.output<(typeof CONNECTION_SCHEMAS)[K]> } | { ok: false; problems: string[] } {
  const parsed = CONNECTION_SCHEMAS[kind].safeParse(value);
  return parsed.success
    ? { ok: true, settings: parsed.data as z.output<(typeof CONNECTION_SCHEMAS)[K]> }
    : { ok: false, problems: connectionProblems(kind, parsed.error) };
}

/**
 * Stored connection settings (a testbed's connectionJson, validated on write) as an object; anything
 * unreadable counts as no settings. What adapters, the edit form and the audit log read.
 */
export function storedConnectionSettings(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The names of the keys that differ between two connection settings objects: what the audit log
 * may say about a change of settings (never the values).
 */
export function changedSettingKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

export { SECRET_REFERENCE_HINT };
export { libvirtUriProblem, LIBVIRT_GATED_PARAMS } from "./libvirt-uri";
