/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addon and Prisma's driver adapter are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
};

module.exports = nextConfig;
