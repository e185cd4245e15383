import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "./client";
import { isNotFound, type WriteResult } from "./errors";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** 20 characters of a 32-letter alphabet: 100 random bits, so links cannot be guessed. */
function newSlug(): string {
  return [...randomBytes(20)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** Freezes a comparison: its query and the ids of the runs it showed, under a short slug. */
export async function createComparison({
  title,
  query,
  runIds,
}: {
  title: string;
  query: string;
  runIds: number[];
}): Promise<WriteResult<{ slug: string }>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = newSlug();
    try {
      await db.comparison.create({
        data: { slug, title, selectionJson: JSON.stringify({ query }), runIdsJson: JSON.stringify(runIds) },
      });
      return { ok: true, value: { slug } };
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  return { ok: false, message: "Could not allocate a link; try again" };
}

/** A saved comparison with its frozen query and run ids; null when missing. */
export async function getComparison({ slug }: { slug: string }) {
  const row = await db.comparison.findUnique({ where: { slug } });
  if (!row) return null;
  const { query } = JSON.parse(row.selectionJson) as { query: string };
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    createdAt: row.createdAt,
    query,
    runIds: JSON.parse(row.runIdsJson) as number[],
  };
}

/** The newest saved comparisons (at most `take`), with how many runs each froze. */
export async function listComparisons({ take = 50 }: { take?: number } = {}) {
  const rows = await db.comparison.findMany({
    orderBy: { id: "desc" },
    take,
    select: { slug: true, title: true, createdAt: true, runIdsJson: true },
  });
  return rows.map(({ runIdsJson, ...r }) => ({ ...r, runCount: (JSON.parse(runIdsJson) as unknown[]).length }));
}

/** Deletes one saved comparison by its slug (its runs stay). */
export async function deleteComparison({ slug }: { slug: string }): Promise<WriteResult<{ title: string }>> {
  if (typeof slug !== "string" || slug === "")
    return { ok: false, code: "not_found", message: "This saved comparison no longer exists" };
  try {
    const row = await db.comparison.delete({ where: { slug }, select: { title: true } });
    return { ok: true, value: row };
  } catch (error) {
    if (isNotFound(error)) return { ok: false, code: "not_found", message: "This saved comparison no longer exists" };
    throw error;
  }
}
