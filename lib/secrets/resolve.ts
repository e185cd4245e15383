import fs from "node:fs";
import path from "node:path";
import { parseSecretReference } from "./references";

const MAX_SECRET_BYTES = 64 * 1024;

/** The directory file: references are resolved in: MIGBENCH_SECRETS_DIR, or data/secrets. */
export function secretsDirectory(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.MIGBENCH_SECRETS_DIR || "data/secrets");
}

/**
 * Reads the secret a reference names. Call it only where a run executes or an operator asked for a
 * check (a POST): never while rendering a page. The value is never logged or returned to a client;
 * the problem says what to fix without echoing anything read.
 */
export function resolveSecret(reference: string): { ok: true; value: string } | { ok: false; problem: string } {
  const parsed = parseSecretReference(reference);
  if (!parsed.ok) return { ok: false, problem: parsed.message };
  const { ref } = parsed;
  if (ref.kind === "env") {
    const value = process.env[ref.name];
    return value
      ? { ok: true, value }
      : { ok: false, problem: `The environment variable ${ref.name} is not set for the app or worker that ran this` };
  }
  return readSecretFile(ref.name);
}

/** A file inside the secrets directory, never one a symlink leads to outside it. */
function readSecretFile(name: string): { ok: true; value: string } | { ok: false; problem: string } {
  const ref = { name };
  const dir = secretsDirectory();
  const missing = {
    ok: false as const,
    problem: `The secret file "${ref.name}" cannot be read from the secrets directory (MIGBENCH_SECRETS_DIR)`,
  };
  let realDir: string;
  let realFile: string;
  try {
    realDir = fs.realpathSync(dir);
    realFile = fs.realpathSync(path.join(realDir, ref.name));
  } catch {
    return missing;
  }
  // A symlink inside the directory must not lead out of it.
  if (!realFile.startsWith(realDir + path.sep))
    return { ok: false, problem: `The secret file "${ref.name}" leads out of the secrets directory; it was not read` };
  try {
    const stat = fs.statSync(realFile);
    if (!stat.isFile() || stat.size > MAX_SECRET_BYTES) return missing;
    return { ok: true, value: fs.readFileSync(realFile, "utf8") };
  } catch {
    return missing;
  }
}

/** A password from a reference: its first line (files usually end with a newline). */
export function resolvePassword(reference: string): { ok: true; value: string } | { ok: false; problem: string } {
  const secret = resolveSecret(reference);
  return secret.ok ? { ok: true, value: secret.value.split(/\r?\n/)[0] } : secret;
}

/** Host names as compared: lower case, no trailing dot, no IPv6 brackets. */
function hostKey(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^\[|\]$/g, "");
}

/**
 * The hosts a secret may be sent to, as its owner listed them: MIGBENCH_SECRET_<NAME>_HOSTS for
 * env:MIGBENCH_SECRET_<NAME>, or the file <name>.hosts beside file:<name> (names or addresses,
 * separated by commas, spaces or lines; "*.lab.example" for every host under lab.example). null: no list.
 */
export function secretHosts(reference: string): string[] | null {
  const parsed = parseSecretReference(reference);
  if (!parsed.ok) return null;
  const text =
    parsed.ref.kind === "env"
      ? process.env[`${parsed.ref.name}_HOSTS`]
      : (() => {
          const file = readSecretFile(`${parsed.ref.name}.hosts`);
          return file.ok ? file.value : undefined;
        })();
  if (text === undefined) return null;
  return text
    .split(/[\s,]+/)
    .map(hostKey)
    .filter(Boolean);
}

/** Where a secret's host list is kept, for messages. */
function hostListPlace(reference: string): string {
  const parsed = parseSecretReference(reference);
  if (parsed.ok && parsed.ref.kind === "env") return `${parsed.ref.name}_HOSTS (e.g. "vc01.lab,vc02.lab")`;
  return `the file ${parsed.ok ? parsed.ref.name : "<name>"}.hosts beside it in the secrets directory (one host a line)`;
}

/**
 * Why a secret may not be sent to (or sign what goes to) a host, or null when its owner listed that
 * host. A secret with no host list goes nowhere: an admin cannot point a testbed at their own server
 * and have a check deliver someone else's password.
 */
export function secretHostProblem(reference: string, host: string): string | null {
  const hosts = secretHosts(reference);
  const target = hostKey(host);
  if (!hosts)
    return `The secret ${reference} names no hosts it may be sent to: list them in ${hostListPlace(reference)}`;
  const allowed = hosts.some((h) => h === target || (h.startsWith("*.") && target.endsWith(h.slice(1))));
  return allowed
    ? null
    : `The secret ${reference} may not be sent to ${target}: its hosts are ${hosts.join(", ")} (${hostListPlace(reference)})`;
}

/** A password for a host: its first line, only when the secret's host list names that host. */
export function resolvePasswordFor(
  reference: string,
  host: string,
): { ok: true; value: string } | { ok: false; problem: string } {
  const problem = secretHostProblem(reference, host);
  return problem ? { ok: false, problem } : resolvePassword(reference);
}
