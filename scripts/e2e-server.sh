#!/usr/bin/env bash
# The server Playwright tests run against: the production build on a fresh, seeded database, with
# one user per role (e2e/fixtures.ts has their passwords) and a vcsim for the vSphere tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export DATABASE_URL="${E2E_DATABASE_URL:-file:./data/e2e.db}"
export MIGBENCH_AUTH_SECRET_FILE="data/e2e-auth-secret"
export MIGBENCH_SECRETS_DIR="data/e2e-secrets"
# A SQLite file is made afresh; a PostgreSQL database must be empty (scripts/e2e-tests.sh --postgresql
# starts a throwaway cluster for it).
if [[ "$DATABASE_URL" == file:* ]]; then
  rm -f "${DATABASE_URL#file:}" "${DATABASE_URL#file:}-journal" "${DATABASE_URL#file:}-wal" "${DATABASE_URL#file:}-shm"
fi
rm -rf "$MIGBENCH_SECRETS_DIR"
mkdir -p "$MIGBENCH_SECRETS_DIR"
npx tsx bin/db-migrate.ts apply
npx tsx --conditions react-server prisma/seed.ts
for role in viewer operator admin; do
  echo "e2e-${role}-password" | npx tsx --conditions react-server bin/user.ts add --email "${role}@e2e.test" --role "$role" --name "E2E ${role}"
done

# A vCenter for the vSphere tests: vcsim on a fixed port, its CA in the secrets directory.
rm -f data/e2e-vcsim.out
bash scripts/vcsim.sh --listen "127.0.0.1:${E2E_VCSIM_PORT:-18989}" --username admin --password s3cret > data/e2e-vcsim.out &
vcsim_pid=$!
trap 'kill "$vcsim_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q '^CA ' data/e2e-vcsim.out 2>/dev/null && break; sleep 0.1; done
cp "$(sed -n 's/^CA //p' data/e2e-vcsim.out)" "$MIGBENCH_SECRETS_DIR/e2e-vcsim-ca.pem"
export MIGBENCH_SECRET_E2E_VC=s3cret MIGBENCH_SECRET_E2E_VC_HOSTS=127.0.0.1
# The key that signs webhook messages in e2e/regressions.spec.ts, whose receiver is on loopback:
# refused unless private webhook addresses are allowed.
export MIGBENCH_SECRET_E2E_HOOK=e2e-hook-secret MIGBENCH_SECRET_E2E_HOOK_HOSTS=127.0.0.1
export MIGBENCH_WEBHOOK_ALLOW_PRIVATE=1
# A "proxy" for the tests of forwarded addresses: requests over ::1 are believed when they say (with
# X-Forwarded-For) whom they forward for; requests over 127.0.0.1 (every other test) are not.
export MIGBENCH_TRUSTED_PROXIES=::1
# The two-host libvirt lab's daemons (scripts/e2e-tests.sh starts it) are reached through their session
# sockets, as user nobody: both allowed by name.
export MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS=socket MIGBENCH_RUN_AS_USERS=nobody

node bin/serve.mjs -p "${E2E_PORT:-3100}"
