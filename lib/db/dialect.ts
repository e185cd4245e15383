import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { dbKind } from "./client";

/*
 * The few pieces of raw SQL that SQLite and PostgreSQL spell differently. Everything else in lib/db is
 * written once (Prisma queries, or SQL both accept: quoted identifiers, standard aggregates).
 */

/** A subquery of the ids in a JSON array passed as one parameter (a saved comparison's frozen runs). */
export function idsOfJsonArray(ids: readonly number[]): Prisma.Sql {
  const json = JSON.stringify(ids);
  return dbKind === "postgresql"
    ? Prisma.sql`SELECT jsonb_array_elements_text(${json}::jsonb)::int`
    : Prisma.sql`SELECT "value" FROM json_each(${json})`;
}

/**
 * A column of Run that SQLite must not use an index for (a unary plus), so it walks the rows in id
 * order instead; PostgreSQL's planner chooses by itself and has no such hint.
 */
export function withoutIndexHint(column: string): Prisma.Sql {
  return Prisma.raw(dbKind === "postgresql" ? `r."${column}"` : `+r."${column}"`);
}

/**
 * A Prisma string filter "contains q, whatever the case": SQLite's LIKE ignores ASCII case by itself;
 * PostgreSQL needs Prisma's insensitive mode (which the SQLite client's types do not know).
 */
export function containsIgnoringCase(q: string): { contains: string } {
  return dbKind === "postgresql" ? ({ contains: q, mode: "insensitive" } as { contains: string }) : { contains: q };
}
