#!/usr/bin/env bash
# The server Playwright tests run against: the production build on a fresh, seeded database.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export DATABASE_URL="${E2E_DATABASE_URL:-file:./data/e2e.db}"
rm -f "${DATABASE_URL#file:}" "${DATABASE_URL#file:}-journal" "${DATABASE_URL#file:}-wal" "${DATABASE_URL#file:}-shm"
npx tsx scripts/db-migrate.ts apply
npx tsx --conditions react-server prisma/seed.ts
exec npx next start -p "${E2E_PORT:-3100}"
