import "server-only";
import {
  decrementSignInCounter,
  deleteSignInCounter,
  getSignInCounter,
  setSignInCounterIf,
  type SignInCounterRow,
} from "@/lib/db/sign-in-counters";

/*
 * The sign-in throttle. Guesses are slowed, never locked out: attempts are counted per (email, client
 * address) and per client address across emails, and past a free allowance each attempt makes the next
 * one from there wait twice as long (1 s, 2 s, 4 s … at most 15 min). A stranger guessing an admin's
 * password slows only their own address; the admin signs in from theirs. An attempt is counted before
 * the password is checked (a burst of parallel guesses gets no more than a slow one); a sign-in that
 * succeeds takes its attempt back. Failed sign-ins write an audit row each for the first few of a
 * window, then one at the 10th, 20th, 40th … that says how many went unrecorded in between.
 */

/** A count restarts after this long without an attempt. */
export const SIGN_IN_WINDOW_MINUTES = 15;
/** Attempts for one email from one address before delays begin. */
export const PAIR_FREE_ATTEMPTS = 5;
/** Attempts from one address across all emails before delays begin (a lab behind one NAT shares it). */
export const ADDRESS_FREE_ATTEMPTS = 30;
const MAX_DELAY_MS = 15 * 60_000;
/** Failed sign-ins of one email recorded one by one in a window before they are counted instead. */
export const AUDIT_BURST = 5;

const WINDOW_MS = SIGN_IN_WINDOW_MINUTES * 60_000;
const UNKNOWN_ADDRESS = "unknown";

/** How long the attempt after the `count`-th must wait, with `free` attempts allowed without delay. */
export function delayAfterAttempt(count: number, free: number): number {
  return count < free ? 0 : Math.min(1000 * 2 ** (count - free), MAX_DELAY_MS);
}

/** Whether the `count`-th failure of a window gets its own audit row (the burst, then 10, 20, 40 …). */
export function auditsFailure(count: number): boolean {
  if (count <= AUDIT_BURST) return true;
  const multiple = count / AUDIT_BURST;
  return Number.isInteger(multiple) && (multiple & (multiple - 1)) === 0;
}

/**
 * What one client counts as: its address, or for IPv6 its /64 (a single host is usually given a whole
 * /64, and could otherwise take a fresh address for every guess).
 */
export function addressBucket(address: string | null): string {
  if (!address) return UNKNOWN_ADDRESS;
  if (!address.includes(":")) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

const pairKey = (email: string, address: string | null) => `pair ${email} ${addressBucket(address)}`;
const addressKey = (address: string | null) => `address ${addressBucket(address)}`;
const auditKey = (email: string) => `audit ${email}`;

/** A count restarts a window after its last attempt or, when that attempt set a delay, after the delay. */
function restarts(row: SignInCounterRow | null, now: Date): boolean {
  if (!row) return true;
  const quietSince = Math.max(row.lastAttemptAt.getTime(), row.blockedUntil?.getTime() ?? 0);
  return now.getTime() - quietSince > WINDOW_MS;
}

/** Adds one to a counter (compare-and-set, read again when another request came first). */
async function bump(
  key: string,
  now: Date,
  next: (count: number, row: SignInCounterRow | null) => Partial<Pick<SignInCounterRow, "blockedUntil" | "recorded">>,
): Promise<{ count: number; before: SignInCounterRow | null } | { blockedUntil: Date }> {
  for (;;) {
    const row = await getSignInCounter({ key });
    if (row?.blockedUntil && row.blockedUntil > now) return { blockedUntil: row.blockedUntil };
    const restart = restarts(row, now);
    const count = restart ? 1 : row!.count + 1;
    const extra = next(count, restart ? null : row);
    const data = {
      count,
      lastAttemptAt: now,
      blockedUntil: extra.blockedUntil ?? null,
      recorded: extra.recorded ?? (restart ? 0 : row!.recorded),
    };
    if (await setSignInCounterIf({ key, expected: row, data })) return { count, before: restart ? null : row };
  }
}

export type AttemptGate = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Counts a sign-in attempt for (email, address) and for the address, before the password is checked.
 * Refused (nothing counted on the pair) while either must still wait.
 */
export async function admitSignInAttempt({
  email,
  address,
  now = new Date(),
}: {
  email: string;
  address: string | null;
  now?: Date;
}): Promise<AttemptGate> {
  const wait = (until: Date): AttemptGate => ({ ok: false, retryAfterMs: until.getTime() - now.getTime() });
  const byAddress = await getSignInCounter({ key: addressKey(address) });
  if (byAddress?.blockedUntil && byAddress.blockedUntil > now) return wait(byAddress.blockedUntil);
  const pair = await bump(pairKey(email, address), now, (count) => ({
    blockedUntil: new Date(now.getTime() + delayAfterAttempt(count, PAIR_FREE_ATTEMPTS)),
  }));
  if ("blockedUntil" in pair) return wait(pair.blockedUntil);
  const across = await bump(addressKey(address), now, (count) => ({
    blockedUntil: new Date(now.getTime() + delayAfterAttempt(count, ADDRESS_FREE_ATTEMPTS)),
  }));
  if ("blockedUntil" in across) return wait(across.blockedUntil);
  return { ok: true };
}

/** A sign-in succeeded: its pair starts afresh and the address gets its attempt back. */
export async function signInSucceeded({ email, address }: { email: string; address: string | null }): Promise<void> {
  await deleteSignInCounter({ key: pairKey(email, address) });
  await decrementSignInCounter({ key: addressKey(address) });
}

/**
 * Counts a failure for the audit log — a failed or throttled sign-in of an email, a refused request of
 * one caller — : whether this one gets a row, the failures of the window so far, and how many since the
 * last row went unrecorded. `email` keys sign-ins; `key` anything else.
 */
export async function auditBudget({
  email,
  key,
  now = new Date(),
}: {
  email?: string;
  key?: string;
  now?: Date;
}): Promise<{ record: boolean; failures: number; unrecorded: number }> {
  const result = await bump(email !== undefined ? auditKey(email) : `audit ${key}`, now, (count, row) => ({
    recorded: auditsFailure(count) ? count : (row?.recorded ?? 0),
  }));
  if ("blockedUntil" in result) return { record: true, failures: 1, unrecorded: 0 };
  const lastRecorded = result.before?.recorded ?? 0;
  return {
    record: auditsFailure(result.count),
    failures: result.count,
    unrecorded: Math.max(0, result.count - lastRecorded - 1),
  };
}

/** "8 s", "2 min": how long to wait, for the refusal. */
export function waitInWords(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}
