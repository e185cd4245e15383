#!/usr/bin/env bash
# One command from a fresh checkout to a running dashboard: install, generate, migrate, seed,
# build, serve. Database: DATABASE_URL (default file:./data/migbench.db). Port: PORT (3000).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh
echo "==> Applying database migrations"
npx tsx bin/db-migrate.ts apply
echo "==> Loading reference data"
npx tsx --conditions react-server prisma/seed.ts
echo "==> Building the app"
npx next build
# While no admin exists: a one-time link to create the first one (printed last, so it stays in view).
npx tsx --conditions react-server bin/setup-link.ts
echo "==> Serving migbench on http://localhost:${PORT:-3000}"
exec node bin/serve.mjs -p "${PORT:-3000}"
