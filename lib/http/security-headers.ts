/**
 * Security headers. The Content-Security-Policy carries a per-request nonce (set by proxy.ts;
 * Next puts it on its own scripts). Styles allow inline attributes: charts position elements with
 * style attributes, which nonces cannot cover (and a nonce would turn 'unsafe-inline' off).
 * No upgrade-insecure-requests: a lab instance is often served over plain http. The headers every
 * response carries, static files included, are set in next.config.js.
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
