// @ts-check

/** Headers every response carries, static files included (the CSP, with its per-request nonce, is proxy.ts's). */
const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native addon and Prisma's driver adapter are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  experimental: {
    // unauthorized() / forbidden(): real 401 and 403 answers from pages and server actions.
    authInterrupts: true,
  },
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

module.exports = nextConfig;
