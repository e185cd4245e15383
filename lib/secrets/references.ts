/**
 * Secret references: connection settings never hold a secret, only where to read it.
 *   env:MIGBENCH_SECRET_<NAME>   an environment variable of the app or worker (the prefix is enforced,
 *                                so no other variable, DATABASE_URL included, can be named)
 *   file:<name>                  a file inside MIGBENCH_SECRETS_DIR (a relative name: no absolute
 *                                path, no "..", no symlink leading out of the directory)
 * Pure: parsing only. Resolution lives in resolve.ts and runs only where a run or a check executes.
 */

export const SECRET_ENV_PREFIX = "MIGBENCH_SECRET_";
const ENV_NAME = /^MIGBENCH_SECRET_[A-Z0-9_]{1,64}$/;
const FILE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;

export type SecretReference = { kind: "env"; name: string } | { kind: "file"; name: string };

export const SECRET_REFERENCE_HINT = `a reference: "env:${SECRET_ENV_PREFIX}<NAME>" (an environment variable of the app and workers) or "file:<name>" (a file in the secrets directory, MIGBENCH_SECRETS_DIR)`;

/** Parses a reference, or says why it is not one. */
export function parseSecretReference(
  value: string,
): { ok: true; ref: SecretReference } | { ok: false; message: string } {
  if (value.startsWith("env:")) {
    const name = value.slice(4);
    if (ENV_NAME.test(name)) return { ok: true, ref: { kind: "env", name } };
    return {
      ok: false,
      message: `env: references must name a variable ${SECRET_ENV_PREFIX}<NAME> (capital letters, digits, _)`,
    };
  }
  if (value.startsWith("file:")) {
    const name = value.slice(5);
    const segments = name.split("/");
    if (
      name.length > 0 &&
      name.length <= 200 &&
      segments.every((s) => FILE_SEGMENT.test(s) && s !== "." && s !== "..")
    ) {
      return { ok: true, ref: { kind: "file", name } };
    }
    return {
      ok: false,
      message:
        'file: references name a file inside the secrets directory, e.g. "file:vcenter-password" (no absolute path, no "..")',
    };
  }
  return { ok: false, message: `Use ${SECRET_REFERENCE_HINT}` };
}
