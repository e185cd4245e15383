import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/http/security-headers";
import { originCheck } from "@/lib/http/origin";
import { reissuedActivity } from "@/lib/auth/activity";
import { databaseDownMessage, databaseState, type DatabaseState } from "@/lib/http/database-state";

/**
 * Runs before every page, API route and server action (not /api/imports, whose body must reach the
 * route whole: lib/import): a fresh CSP nonce per request, the path the request is for (so a page can
 * send an anonymous visitor back after sign-in), refusals of cross-site and malformed posts that Next
 * would answer with a 500, and the session's activity stamp (lib/auth/activity.ts).
 * Not an authorisation boundary: every page, action and route checks the caller itself.
 */
export async function proxy(request: NextRequest) {
  // A path that is not valid UTF-8 (e.g. %ED%A0%80, a lone surrogate) cannot name anything here:
  // answer 400 rather than let the router fail on it.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return refuse(400, "The address is not valid (malformed percent-encoding)");
  }
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  // While the database is unreachable every page and route would fail: say so at once (the health check
  // answers for itself).
  const database = databaseState();
  if (!database.reachable && request.nextUrl.pathname !== "/api/health") return unavailable(isApi, database);
  if (request.method === "POST" && !isApi) {
    // A post to a page is a server action, from a script or from a form without JavaScript (no
    // Next-Action header then): from another site it is refused here (Next would abort it with a 500).
    if (originCheck(request.headers) === "foreign") return refuse(403, "Cross-site request refused");
    // Forms send kilobytes; above Next's 1 MB body limit it would answer 500. Files go to /api/imports.
    if (Number(request.headers.get("content-length") ?? 0) > MAX_ACTION_BODY_BYTES)
      return refuse(413, "This form submission is too large (at most 1 MB)");
    const problem = await actionBodyProblem(request);
    if (problem) return refuse(400, problem);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-migbench-path", request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  // Page views, form posts and API writes are activity; a page polling /api for progress is not.
  if (!(isApi && (request.method === "GET" || request.method === "HEAD"))) {
    const activity = reissuedActivity(request.headers.get("cookie"));
    if (activity) response.cookies.set(activity.name, activity.value, activity.options);
  }
  return response;
}

/** 503 while the database is unreachable: the API's JSON error, or a page that says what is going on. */
function unavailable(isApi: boolean, database: DatabaseState) {
  const message = databaseDownMessage(database);
  const headers = { "retry-after": "5", "cache-control": "no-store" };
  if (isApi) return NextResponse.json({ error: { message } }, { status: 503, headers });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="10"><title>Database unreachable · migbench</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#0f172a"><p style="color:#b45309;font-weight:600">503 · Service unavailable</p><h1 style="font-size:1.5rem">migbench cannot reach its database</h1><p>${escapeHtml(message)}</p><p style="color:#475569">This page tries again every 10 seconds. Workers keep their runs and resume when the database is back.</p></body></html>`;
  return new NextResponse(html, { status: 503, headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function refuse(status: number, message: string) {
  return NextResponse.json({ error: { message } }, { status });
}

/**
 * Why a server action's body cannot be one (Next answers 500 to these): its arguments, sent as text,
 * must be a JSON array.
 */
async function actionBodyProblem(request: NextRequest): Promise<string | null> {
  if (!request.headers.has("next-action")) return null;
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) return null;
  let args: unknown;
  try {
    args = JSON.parse(await request.clone().text());
  } catch {
    return "This request is not valid (the arguments are not JSON)";
  }
  return Array.isArray(args) ? null : "This request is not valid (the arguments must be a list)";
}

const MAX_ACTION_BODY_BYTES = 1024 * 1024;

export const config = {
  // /api/imports is left out: Next hands a proxied route only the first 10 MB of a body, and imports take 20 MB.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|api/imports$).*)"],
};
