import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "./secret";

/*
 * Idle timeout of sessions (ASVS 3.3) without a write on every page view: a second cookie says when the
 * session was last used, `<ms>.<HMAC of session token and ms>`, keyed from the auth secret, so it cannot
 * be forged or moved to another session. proxy.ts re-issues it on each page view, form post and API
 * write of a session still within its idle limit (polling GETs of /api do not count as activity); a
 * session whose stamp is missing, forged or older than the limit counts as signed out
 * (lib/auth/principal.ts). Sessions also end MIGBENCH_SESSION_MAX_DAYS after sign-in whatever happens.
 */

export const ACTIVITY_COOKIE = "migbench_active";
/** better-auth's session cookie: its name carries __Secure- exactly when cookies are Secure (lib/auth/server.ts). */
function sessionCookiePattern(): RegExp {
  const secure = process.env.MIGBENCH_URL?.startsWith("https://") ?? false;
  return new RegExp(`(?:^|;\\s*)${secure ? "__Secure-" : ""}better-auth\\.session_token=([^;]+)`);
}
const ACTIVITY_VALUE = new RegExp(`(?:^|;\\s*)${ACTIVITY_COOKIE}=([^;]+)`);
/** A stamp younger than this is not re-issued (fewer Set-Cookie headers). */
const REISSUE_AFTER_MS = 60_000;

function positiveNumber(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
}

/** How long a session may go unused: MIGBENCH_SESSION_IDLE_HOURS (default 12). */
export function sessionIdleMs(): number {
  return positiveNumber(process.env.MIGBENCH_SESSION_IDLE_HOURS, 12, 24 * 365) * 3600_000;
}

/** How long a session lasts at most, used or not: MIGBENCH_SESSION_MAX_DAYS (default 7). */
export function sessionMaxDays(): number {
  return positiveNumber(process.env.MIGBENCH_SESSION_MAX_DAYS, 7, 365);
}

function mac(secret: string, token: string, atMs: number): string {
  const key = createHmac("sha256", secret).update("migbench session activity").digest();
  return createHmac("sha256", key).update(`${token}.${atMs}`).digest("base64url");
}

/** The stamp for a session token used at `atMs`. */
export function activityStamp(token: string, atMs: number, secret = authSecret()): string {
  return `${atMs}.${mac(secret, token, atMs)}`;
}

/** When the session was last used, from its stamp; null when the stamp is missing or not this session's. */
export function lastActivityMs(token: string, stamp: string | null, secret = authSecret()): number | null {
  const match = stamp ? /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(stamp) : null;
  if (!match) return null;
  const expected = Buffer.from(mac(secret, token, Number(match[1])));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? Number(match[1]) : null;
}

/** The session token inside better-auth's signed session cookie (`<token>.<signature>`), from a Cookie header. */
export function sessionTokenFromCookies(cookieHeader: string | null): string | null {
  const raw = cookieHeader ? sessionCookiePattern().exec(cookieHeader)?.[1] : undefined;
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const token = value.split(".")[0];
  return token && /^[A-Za-z0-9_-]{8,200}$/.test(token) ? token : null;
}

/** The activity stamp from a Cookie header. */
export function activityFromCookies(cookieHeader: string | null): string | null {
  const raw = cookieHeader ? ACTIVITY_VALUE.exec(cookieHeader)?.[1] : undefined;
  return raw ?? null;
}

/**
 * Whether a session has been used within the idle limit: its stamp in these cookies, checked against its
 * token — the one the session was found by (`sessionToken`), or else the one in the session cookie.
 */
export function sessionIsActive(
  cookieHeader: string | null,
  nowMs = Date.now(),
  sessionToken: string | null = sessionTokenFromCookies(cookieHeader),
): boolean {
  const token = sessionToken;
  if (!token) return false;
  const last = lastActivityMs(token, activityFromCookies(cookieHeader));
  return last !== null && nowMs - last <= sessionIdleMs() && last <= nowMs + 60_000;
}

export type ActivityCookie = {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; secure: boolean; path: "/"; maxAge: number };
};

/** The cookie that marks a session as used now. */
export function activityCookie(token: string, nowMs = Date.now()): ActivityCookie {
  return {
    name: ACTIVITY_COOKIE,
    value: activityStamp(token, nowMs),
    options: {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.MIGBENCH_URL?.startsWith("https://") ?? false,
      path: "/",
      maxAge: Math.ceil(sessionIdleMs() / 1000),
    },
  };
}

/**
 * The cookie proxy.ts sets on a request's response: a fresh stamp when the session is still within its
 * idle limit and its stamp is over a minute old; null otherwise (an idle session stays ended).
 */
export function reissuedActivity(cookieHeader: string | null, nowMs = Date.now()): ActivityCookie | null {
  const token = sessionTokenFromCookies(cookieHeader);
  if (!token || !sessionIsActive(cookieHeader, nowMs)) return null;
  const last = lastActivityMs(token, activityFromCookies(cookieHeader))!;
  return nowMs - last >= REISSUE_AFTER_MS ? activityCookie(token, nowMs) : null;
}
