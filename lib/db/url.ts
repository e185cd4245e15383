// No "server-only" here: the migration tooling (lib/db/setup, run by `npm run db:migrate` outside Next) reads it too.
import path from "node:path";

/** The SQLite file used when DATABASE_URL is not set: data/migbench.db under the project root. */
export const DEFAULT_DATABASE_URL = "file:./data/migbench.db";

/** The two databases migbench runs on: an embedded SQLite file, or a shared PostgreSQL server. */
export type DatabaseKind = "sqlite" | "postgresql";

/** Which database a URL names: file: is SQLite, postgres:// or postgresql:// is PostgreSQL. */
export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must be a SQLite file (file:./data/migbench.db) or a PostgreSQL URL (postgresql://user@host:5432/db); got "${url.split("@").pop()}"`,
  );
}

/**
 * DATABASE_URL with a relative SQLite path made absolute against the working directory, so the
 * app, the worker, the seed and the migration script all open the same file. PostgreSQL URLs pass as
 * they are.
 */
export function resolveDatabaseUrl(raw = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): string {
  if (databaseKind(raw) === "postgresql") return raw;
  const file = raw.slice("file:".length);
  return `file:${path.resolve(/*turbopackIgnore: true*/ process.cwd(), file)}`;
}
