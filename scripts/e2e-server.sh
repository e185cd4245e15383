#!/usr/bin/env bash
# The server Playwright tests run against: the production build on a fresh, seeded database.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export DATABASE_URL="${E2E_DATABASE_URL:-file:./data/e2e.db}"
rm -f "${DATABASE_URL#file:}" "${DATABASE_URL#file:}-journal" "${DATABASE_URL#file:}-wal" "${DATABASE_URL#file:}-shm"
npx tsx scripts/db-migrate.ts apply
npx tsx --conditions react-server prisma/seed.ts

# A vCenter for the vSphere tests: vcsim on a fixed port, its CA kept where the tests read it.
mkdir -p data
rm -f data/e2e-vcsim.out
bash scripts/vcsim.sh --listen "127.0.0.1:${E2E_VCSIM_PORT:-18989}" --username admin --password s3cret > data/e2e-vcsim.out &
vcsim_pid=$!
trap 'kill "$vcsim_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q '^CA ' data/e2e-vcsim.out 2>/dev/null && break; sleep 0.1; done
cp "$(sed -n 's/^CA //p' data/e2e-vcsim.out)" data/e2e-vcsim-ca.pem
export MIGBENCH_E2E_VC_PASSWORD=s3cret

npx next start -p "${E2E_PORT:-3100}"
