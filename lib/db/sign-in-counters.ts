import "server-only";
import { db } from "./client";
import { isUniqueViolation } from "./errors";

/*
 * Counters of sign-in attempts (lib/auth/throttle.ts decides what they mean). Every change is a
 * compare-and-set on the count read before, so two requests at once never both take the same slot, on
 * SQLite as on PostgreSQL.
 */

export type SignInCounterRow = {
  key: string;
  count: number;
  lastAttemptAt: Date;
  blockedUntil: Date | null;
  recorded: number;
};

const STALE_AFTER_MS = 24 * 3600_000;

type CounterData = { count: number; lastAttemptAt: Date; blockedUntil: Date | null; recorded?: number };

/** One counter; null when the key has none. */
export async function getSignInCounter({ key }: { key: string }): Promise<SignInCounterRow | null> {
  return db.signInCounter.findUnique({ where: { key } });
}

/**
 * Writes a counter if it is still as it was read (`expected`, null: not there yet). False when another
 * request changed it first: read it again.
 */
export async function setSignInCounterIf({
  key,
  expected,
  data,
}: {
  key: string;
  expected: SignInCounterRow | null;
  data: CounterData;
}): Promise<boolean> {
  if (!expected) {
    // Counters nobody has touched for a day are done with: a new one sweeps them away.
    const stale = new Date(data.lastAttemptAt.getTime() - STALE_AFTER_MS);
    await db.signInCounter.deleteMany({
      where: { lastAttemptAt: { lt: stale }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: stale } }] },
    });
    try {
      await db.signInCounter.create({ data: { key, ...data } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
  const { count } = await db.signInCounter.updateMany({
    where: { key, count: expected.count, lastAttemptAt: expected.lastAttemptAt },
    data,
  });
  return count === 1;
}

/** Forgets a counter (a sign-in that succeeded ends its pair's count). */
export async function deleteSignInCounter({ key }: { key: string }): Promise<void> {
  await db.signInCounter.deleteMany({ where: { key } });
}

/** Takes one attempt back from a counter (a sign-in that succeeded is no guess). */
export async function decrementSignInCounter({ key }: { key: string }): Promise<void> {
  await db.signInCounter.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}
