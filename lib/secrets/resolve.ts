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
