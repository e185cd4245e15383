import type { AdapterTestbed, MigrationResult } from "../types";

/*
 * What a run stores is read by viewers and anonymous readers (MIGBENCH_PUBLIC_READ=1), to whom connection
 * settings are not shown: before a result is stored, every setting's own text in its reason and its
 * statistics — URIs, URLs, addresses, user names, secret reference names, and the hosts inside them — is
 * replaced by the setting's name ("cannot reach ‹url›: connection refused"). The hosts' display names,
 * which everyone sees, and VM names stay. Operators see the settings themselves, and an adapter Check
 * reports them in full.
 */

const HIDDEN_KEYS = [
  "sourceUri",
  "destinationUri",
  "migrateUri",
  "listenAddress",
  "runAs",
  "workDir",
  "url",
  "username",
  "passwordRef",
  "caRef",
] as const;

/** The host inside a URI-like value ("qemu+ssh://root@kvm-01:22/system" → "kvm-01"), if any. */
function hostInside(value: string): string | null {
  const m = /^[a-z0-9+.-]+:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(value);
  return m ? m[1] : null;
}

/** [text, its name], longest first, so a URI goes before the host inside it. */
function settingTexts(testbed: AdapterTestbed): [string, string][] {
  const visible = new Set([testbed.sourceHost, testbed.destinationHost]);
  const texts = new Map<string, string>();
  for (const key of HIDDEN_KEYS) {
    const value = testbed.connection[key];
    if (typeof value !== "string" || value.length < 3 || visible.has(value)) continue;
    texts.set(value, `‹${key}›`);
    const host = hostInside(value);
    if (host && host.length >= 3 && !visible.has(host) && !texts.has(host)) texts.set(host, `‹host of ${key}›`);
  }
  return [...texts].sort((a, b) => b[0].length - a[0].length);
}

/** A text with the testbed's connection settings replaced by their names. */
export function withoutSettings(text: string, testbed: AdapterTestbed): string {
  let out = text;
  for (const [value, name] of settingTexts(testbed)) out = out.split(value).join(name);
  return out;
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/** A result as it may be stored: its reason and statistics without the testbed's connection settings. */
export function resultWithoutSettings(result: MigrationResult, testbed: AdapterTestbed): MigrationResult {
  const f = (s: string) => withoutSettings(s, testbed);
  const redacted = { ...result } as MigrationResult & { reason?: string; rawStats?: unknown };
  if (typeof redacted.reason === "string") redacted.reason = f(redacted.reason);
  if (redacted.rawStats !== undefined) redacted.rawStats = mapStrings(redacted.rawStats, f) as typeof redacted.rawStats;
  return redacted;
}
