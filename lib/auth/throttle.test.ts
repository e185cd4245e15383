import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";

// The sign-in throttle on a real database (SQLite, and PostgreSQL in the second pass), on an injected
// clock: no test waits for a delay to pass.
withTestDatabase();

const ADMIN = "admin@lab.test";
const at = (t0: number, seconds: number) => new Date(t0 + seconds * 1000);

test("a stranger's guesses slow only the stranger's address: the admin signs in from theirs", async () => {
  const { admitSignInAttempt, PAIR_FREE_ATTEMPTS } = await import("./throttle");
  const t0 = Date.UTC(2026, 11, 7, 9);
  // Five guesses go through, then each one makes the next wait twice as long.
  for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++)
    assert.deepEqual(await admitSignInAttempt({ email: ADMIN, address: "6.6.6.6", now: at(t0, i * 0.1) }), {
      ok: true,
    });
  const held = await admitSignInAttempt({ email: ADMIN, address: "6.6.6.6", now: at(t0, 0.5) });
  assert.equal(held.ok, false);
  assert.ok(!held.ok && held.retryAfterMs > 0 && held.retryAfterMs <= 1000, JSON.stringify(held));
  assert.deepEqual(await admitSignInAttempt({ email: ADMIN, address: "6.6.6.6", now: at(t0, 1.5) }), { ok: true });
  const longer = await admitSignInAttempt({ email: ADMIN, address: "6.6.6.6", now: at(t0, 1.6) });
  assert.ok(!longer.ok && longer.retryAfterMs > 1000 && longer.retryAfterMs <= 2000, JSON.stringify(longer));
  // Meanwhile the admin, from their own address, is not held at all.
  assert.deepEqual(await admitSignInAttempt({ email: ADMIN, address: "10.1.2.3", now: at(t0, 1.6) }), { ok: true });
  // Twenty more minutes and the stranger's count has started over.
  assert.deepEqual(await admitSignInAttempt({ email: ADMIN, address: "6.6.6.6", now: at(t0, 1200) }), { ok: true });
});

test("the delays grow to at most 15 minutes, and a success takes its attempt back", async () => {
  const { delayAfterAttempt, admitSignInAttempt, signInSucceeded, PAIR_FREE_ATTEMPTS } = await import("./throttle");
  assert.deepEqual(
    [4, 5, 6, 7, 10, 14, 15, 40].map((n) => delayAfterAttempt(n, 5)),
    [0, 1000, 2000, 4000, 32_000, 512_000, 900_000, 900_000],
  );
  const t0 = Date.UTC(2026, 11, 7, 10);
  for (let round = 0; round < 3; round++)
    for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++) {
      const now = at(t0, round * 10 + i);
      assert.deepEqual(await admitSignInAttempt({ email: "op@lab.test", address: "10.0.0.7", now }), { ok: true });
      // Someone who types their password right never builds up a count.
      await signInSucceeded({ email: "op@lab.test", address: "10.0.0.7" });
    }
});

test("one address guessing many emails is slowed too; a burst of parallel guesses gets no more than a slow one", async () => {
  const { admitSignInAttempt, ADDRESS_FREE_ATTEMPTS } = await import("./throttle");
  const t0 = Date.UTC(2026, 11, 7, 11);
  for (let i = 0; i < ADDRESS_FREE_ATTEMPTS; i++)
    assert.equal((await admitSignInAttempt({ email: `u${i}@lab.test`, address: "7.7.7.7", now: at(t0, i) })).ok, true);
  assert.equal((await admitSignInAttempt({ email: "new@lab.test", address: "7.7.7.7", now: at(t0, 29.5) })).ok, false);
  // 20 guesses at the same instant for one email from one address: exactly the free five get through.
  const now = at(t0, 60);
  const results = await Promise.all(
    Array.from({ length: 20 }, () => admitSignInAttempt({ email: ADMIN, address: "8.8.4.4", now })),
  );
  assert.equal(results.filter((r) => r.ok).length, 5);
});

test("failed sign-ins are audited one by one for a burst, then counted: rows at the 10th, 20th, 40th", async () => {
  const { auditBudget, auditsFailure } = await import("./throttle");
  const t0 = Date.UTC(2026, 11, 7, 12);
  const recorded: { failures: number; unrecorded: number }[] = [];
  for (let i = 0; i < 40; i++) {
    const budget = await auditBudget({ email: "target@lab.test", now: at(t0, i) });
    if (budget.record) recorded.push({ failures: budget.failures, unrecorded: budget.unrecorded });
  }
  assert.deepEqual(recorded, [
    { failures: 1, unrecorded: 0 },
    { failures: 2, unrecorded: 0 },
    { failures: 3, unrecorded: 0 },
    { failures: 4, unrecorded: 0 },
    { failures: 5, unrecorded: 0 },
    { failures: 10, unrecorded: 4 },
    { failures: 20, unrecorded: 9 },
    { failures: 40, unrecorded: 19 },
  ]);
  assert.equal(auditsFailure(80), true);
  assert.equal(auditsFailure(81), false);
});

test("an IPv6 client counts as its /64: a fresh address per guess gains nothing", async () => {
  const { addressBucket, admitSignInAttempt, PAIR_FREE_ATTEMPTS } = await import("./throttle");
  assert.equal(addressBucket("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  assert.equal(addressBucket("2001:db8::1"), "2001:db8:0:0::/64");
  assert.equal(addressBucket("10.0.0.1"), "10.0.0.1");
  assert.equal(addressBucket(null), "unknown");
  const t0 = Date.UTC(2026, 11, 7, 13);
  for (let i = 1; i <= PAIR_FREE_ATTEMPTS; i++)
    assert.equal(
      (await admitSignInAttempt({ email: ADMIN, address: `2001:db8:7::${i}`, now: at(t0, i * 0.01) })).ok,
      true,
    );
  assert.equal((await admitSignInAttempt({ email: ADMIN, address: "2001:db8:7::99", now: at(t0, 0.2) })).ok, false);
});

test("at the 15-minute cap a guesser gets one guess a quarter-hour, not a fresh allowance", async () => {
  const { admitSignInAttempt } = await import("./throttle");
  const t0 = Date.UTC(2026, 11, 7, 14);
  let now = t0;
  let admitted = 0;
  // Guess as soon as each delay allows, for six hours.
  while (now < t0 + 6 * 3600_000) {
    const gate = await admitSignInAttempt({ email: "capped@lab.test", address: "9.9.9.9", now: new Date(now) });
    if (gate.ok) {
      admitted++;
      now += 1;
    } else now += gate.retryAfterMs + 1;
  }
  // 5 free, then 1, 2, 4 … 512 s (15 guesses in ~17 min), then one per 15 minutes: about 40, not ~180.
  assert.ok(admitted >= 30 && admitted <= 45, `${admitted} guesses in 6 h`);
});
