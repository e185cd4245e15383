import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/http/security-headers";
import { originCheck } from "@/lib/http/origin";

/**
 * Runs before every page, API route and server action: a fresh CSP nonce per request, and the
 * path the request is for (so a page can send an anonymous visitor back after sign-in).
 * Not an authorisation boundary: every page, action and route checks the caller itself.
 */
export function proxy(request: NextRequest) {
  // A path that is not valid UTF-8 (e.g. %ED%A0%80, a lone surrogate) cannot name anything here:
  // answer 400 rather than let the router fail on it.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.json(
      { error: { message: "The address is not valid (malformed percent-encoding)" } },
      { status: 400 },
    );
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    // A server action posted from another site: refused here with a 403 (Next would abort it with a 500).
    if (originCheck(request.headers) === "foreign")
      return NextResponse.json({ error: { message: "Cross-site request refused" } }, { status: 403 });
    // Forms send kilobytes; above Next's 1 MB body limit it would answer 500. Files go to /api/imports.
    if (Number(request.headers.get("content-length") ?? 0) > MAX_ACTION_BODY_BYTES) {
      return NextResponse.json(
        { error: { message: "This form submission is too large (at most 1 MB)" } },
        { status: 413 },
      );
    }
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-migbench-path", request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

const MAX_ACTION_BODY_BYTES = 1024 * 1024;

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
