import { test } from "node:test";
import assert from "node:assert/strict";
import {
  activityStamp,
  lastActivityMs,
  reissuedActivity,
  sessionIdleMs,
  sessionIsActive,
  sessionTokenFromCookies,
} from "./activity";

process.env.MIGBENCH_AUTH_SECRET = "s".repeat(40);
const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
const session = `better-auth.session_token=${encodeURIComponent(`${TOKEN}.c2lnbmF0dXJl+/=`)}`;
const cookies = (stamp: string) => `theme=dark; ${session}; migbench_active=${stamp}`;
const HOUR = 3600_000;

test("a session is active until it goes unused for the idle limit (12 h by default, MIGBENCH_SESSION_IDLE_HOURS)", () => {
  const t0 = Date.UTC(2026, 11, 7, 8);
  assert.equal(sessionIdleMs(), 12 * HOUR);
  const stamp = activityStamp(TOKEN, t0);
  assert.equal(sessionIsActive(cookies(stamp), t0 + 11 * HOUR), true);
  assert.equal(sessionIsActive(cookies(stamp), t0 + 12 * HOUR + 1), false);
  process.env.MIGBENCH_SESSION_IDLE_HOURS = "0.5";
  try {
    assert.equal(sessionIsActive(cookies(stamp), t0 + 29 * 60_000), true);
    assert.equal(sessionIsActive(cookies(stamp), t0 + 31 * 60_000), false);
  } finally {
    delete process.env.MIGBENCH_SESSION_IDLE_HOURS;
  }
});

test("a stamp cannot be forged, moved to another session or dated in the future", () => {
  const t0 = Date.UTC(2026, 11, 7, 8);
  const stamp = activityStamp(TOKEN, t0);
  assert.equal(lastActivityMs(TOKEN, stamp), t0);
  // Another session's stamp, or a later time with the old MAC, or a made-up MAC: refused.
  assert.equal(lastActivityMs("another-session-token-0000000000", stamp), null);
  assert.equal(lastActivityMs(TOKEN, `${t0 + HOUR}.${stamp.split(".")[1]}`), null);
  assert.equal(lastActivityMs(TOKEN, `${t0}.${"A".repeat(43)}`), null);
  assert.equal(lastActivityMs(TOKEN, activityStamp(TOKEN, t0, "another secret of at least 32 chars!!")), null);
  assert.equal(sessionIsActive(`${session}`, t0), false, "no stamp: not active");
  assert.equal(sessionIsActive(cookies(activityStamp(TOKEN, t0 + 2 * HOUR)), t0), false, "stamped in the future");
  assert.equal(sessionTokenFromCookies(session), TOKEN);
  // Only the cookie better-auth reads: __Secure- exactly when MIGBENCH_URL is https.
  assert.equal(sessionTokenFromCookies(`__Secure-${session}`), null);
  process.env.MIGBENCH_URL = "https://migbench.lab.example";
  try {
    assert.equal(sessionTokenFromCookies(`__Secure-${session}`), TOKEN);
    assert.equal(sessionTokenFromCookies(session), null);
  } finally {
    delete process.env.MIGBENCH_URL;
  }
  // A stamp of one's own session, beside another session's token that the server found: not active.
  assert.equal(sessionIsActive(cookies(stamp), t0, "the-session-the-server-found-00000"), false);
  assert.equal(sessionIsActive(cookies(stamp), t0, TOKEN), true);
  assert.equal(sessionTokenFromCookies("better-auth.session_token=%E0%A4%A"), null);
});

test("the stamp is re-issued on use after a minute, never for a session already idle", () => {
  const t0 = Date.UTC(2026, 11, 7, 8);
  const stamp = activityStamp(TOKEN, t0);
  assert.equal(reissuedActivity(cookies(stamp), t0 + 30_000), null, "fresh enough");
  const again = reissuedActivity(cookies(stamp), t0 + 5 * 60_000);
  assert.ok(again);
  assert.equal(lastActivityMs(TOKEN, again.value), t0 + 5 * 60_000);
  assert.equal(again.options.httpOnly, true);
  assert.equal(again.options.maxAge, 12 * 3600);
  assert.equal(reissuedActivity(cookies(stamp), t0 + 13 * HOUR), null, "an ended session stays ended");
});
