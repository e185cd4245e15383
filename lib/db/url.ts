import path from "node:path";

/** The SQLite file used when DATABASE_URL is not set: data/migbench.db under the project root. */
export const DEFAULT_DATABASE_URL = "file:./data/migbench.db";

/**
 * DATABASE_URL with a relative SQLite path made absolute against the working directory, so the
 * app, the worker, the seed and the migration script all open the same file.
 */
export function resolveDatabaseUrl(raw = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): string {
  if (!raw.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL (got "${raw}")`);
  }
  const file = raw.slice("file:".length);
  return `file:${path.resolve(/*turbopackIgnore: true*/ process.cwd(), file)}`;
}
